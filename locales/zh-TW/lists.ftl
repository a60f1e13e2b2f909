## Home, case list, new case
