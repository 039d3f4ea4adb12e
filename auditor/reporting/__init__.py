"""Reporters: findings → JSON, SARIF, JUnit, CSV, HTML or a terminal table."""
