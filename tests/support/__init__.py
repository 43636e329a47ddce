"""Helpers the tests share: real servers that stand in for outside services."""
