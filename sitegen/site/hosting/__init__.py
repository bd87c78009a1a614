"""Host configurations written with each build, all from sitegen/core/security_policy.py and the site's forwards."""
