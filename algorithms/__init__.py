"""Processing algorithms of permafrost_magt: thin wrappers that hand off to ``core``."""
