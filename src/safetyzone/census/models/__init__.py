"""Census models: spreadsheet imports (imports.py), census rounds with Part 2 and Part 3
(rounds.py) and certification snapshots (certification.py)."""

from .certification import Certification, CertifiedCamera
from .imports import STALLED_AFTER, ColumnMapping, ExportRecord, ImportJob, JobStatus, upload_to
from .rounds import (
    BudgetPlan, Priority, ProblemCategory, ProblemReport, Proposal, ProposalReason, Round, RoundStatus,
    Submission, SubmissionStatus, Transition,
)
from .quality import DuplicateDecision, DuplicateDecisionEntry, DuplicateVerdict
from .verification import Inspection, InspectionStatus, Visit, VisitResult, photo_upload_to

__all__ = [
    "STALLED_AFTER", "BudgetPlan", "Certification", "CertifiedCamera", "ColumnMapping", "ExportRecord", "ImportJob", "JobStatus", "Priority",
    "ProblemCategory", "ProblemReport", "Proposal", "ProposalReason", "Round", "RoundStatus", "Submission",
    "SubmissionStatus", "Transition", "upload_to",
    "Inspection", "InspectionStatus", "Visit", "VisitResult", "photo_upload_to",
    "DuplicateDecision", "DuplicateDecisionEntry", "DuplicateVerdict",
]
