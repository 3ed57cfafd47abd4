"""Capture a source from its web page: fetch, decode, extract, snapshot, write.

`factcheck capture` is the only user. Every step either succeeds or raises
`CaptureError` with one line for the contributor; nothing is written until every step
has succeeded (`write`).
"""
