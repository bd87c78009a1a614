"""The crisis and emergency numbers known for each country: a crisis link may dial only one of these, or a cited one."""

from __future__ import annotations

# Digits only, as dialled. Sources (from /work/shared/reference/ketamine-facts.md, section G):
# US 988 and the old lifeline 1-800-273-8255: the 988 Suicide & Crisis Lifeline, call or text, launched 16 July 2022,
#   https://www.cdcr.ca.gov/ccjbh/2022/07/19/dial-988-to-access-24-hour-emotional-support-and-resources/ (G5);
#   911 for immediate danger, same source.
# GB 116 123: Samaritans, free, 24/7, https://www.samaritans.org/how-we-can-help/contact-samaritan/ (G6);
#   999: the UK emergency number (G6).
KNOWN_CRISIS_NUMBERS: dict[str, dict[str, str]] = {
    "US": {"988": "988 Suicide & Crisis Lifeline", "18002738255": "988 Lifeline's old number", "911": "emergency services"},
    "GB": {"116123": "Samaritans", "999": "emergency services"},
}


def dialled(number: str) -> str:
    """What a phone dials for a number as shown: its digits."""
    return "".join(ch for ch in number if ch.isdigit())
