"""Test helpers of the core: test-only views and URL mounts."""
