"""Event coding: from a parsed sentence to CAMEO/PLOVER events."""
