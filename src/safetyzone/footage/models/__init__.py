"""Footage models: requests and their items (requests.py), evidence files and the custody
log (evidence.py), citizens' asks (citizen.py)."""

from .citizen import CitizenRequest, CitizenStatus
from .evidence import CustodyAction, CustodyEntry, EvidenceFile, OffsetSource, Upload, evidence_upload_to
from .housekeeping import RemovedUploadFile, UsedLink
from .misuse import MisuseFlag, VolumeKind, VolumeWindow
from .requests import FootageRequest, IncidentType, ItemEvent, ItemStatus, RequestItem, RequestStatus, Search

__all__ = [
    "CitizenRequest", "CitizenStatus", "CustodyAction", "CustodyEntry", "EvidenceFile", "OffsetSource",
    "Upload", "evidence_upload_to", "FootageRequest", "IncidentType", "ItemEvent", "ItemStatus",
    "RequestItem", "RequestStatus", "Search",
]
__all__ += ["MisuseFlag", "VolumeKind", "VolumeWindow", "RemovedUploadFile", "UsedLink"]
