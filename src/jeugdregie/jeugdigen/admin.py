# Personal data is not in the admin: the beheerder works on catalog, organisations and users (R-P1).
