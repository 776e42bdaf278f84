"""Answering and anonymous storage of responses.

``answering`` is pure Python (no Django): it turns submitted form data into
validated answers, evaluates show-if conditions and builds the "check your
answers" summary, so the answering views stay thin and the rules are tested
on their own.
"""
