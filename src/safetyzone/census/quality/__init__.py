"""Data quality before certification (issue 3 item 4): automatic checks per camera and agency,
a score per agency and a list of what to fix.

checks.py is the pure core (rows in, findings and scores out; formula in its docstring),
selectors.py loads a province and applies the access gate, messages.py words the findings in
Thai and English, export.py writes them as CSV and XLSX.
"""
