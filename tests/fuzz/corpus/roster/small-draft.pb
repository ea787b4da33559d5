c 
EUEuropean Union*
1995-01-01
SWESweden*
1995-01-01 
USAUnited States*
1995-01-01