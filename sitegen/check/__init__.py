"""Stage 2, check: the content rules, each finding problems in loaded content and changing nothing."""
