"""Pure helpers for Thai data: digits, Buddhist-era dates, coordinates, spreadsheet text.

No Django imports: these run in importers, benchmarks and tests on their own.
"""
