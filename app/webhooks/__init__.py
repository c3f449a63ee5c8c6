"""Webhooks: partners subscribe a URL to kinds of change; `interviews deliver` sends each matching
change of the change log to it, signed as Standard Webhooks describes, retried until it arrives."""
