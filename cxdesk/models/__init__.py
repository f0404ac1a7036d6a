"""Typed SQLAlchemy 2 models of cxdesk.  Importing this package installs the change log."""

from cxdesk.models.base import Base
from cxdesk.models.bureau import CollectionDeadline, RegisterEntry, Submission
from cxdesk.models.changelog import ChangeLogEntry
from cxdesk.models.counselor import Certificate, Counselor
from cxdesk.models.encryption import BureauKey, EncryptionKey
from cxdesk.models.exchange import (
    ExportLog,
    ReceivedReply,
    ReturnComment,
    SigningKey,
    TrustedKey,
)
from cxdesk.models.explanation import FindingExplanation
from cxdesk.models.room import CounsellingRoom
from cxdesk.models.school import Installation, ReportingPeriod, School
from cxdesk.models.standard import BureauSecret, PersonKey, Standard
from cxdesk.models.training import Attendance, TrainingEvent

__all__ = [
    "Attendance",
    "Base",
    "BureauKey",
    "BureauSecret",
    "Certificate",
    "ChangeLogEntry",
    "CollectionDeadline",
    "CounsellingRoom",
    "Counselor",
    "EncryptionKey",
    "ExportLog",
    "FindingExplanation",
    "Installation",
    "PersonKey",
    "ReceivedReply",
    "RegisterEntry",
    "ReportingPeriod",
    "ReturnComment",
    "School",
    "SigningKey",
    "Standard",
    "Submission",
    "TrainingEvent",
    "TrustedKey",
]
