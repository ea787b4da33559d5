‡ 
EUEuropean Union*
1995-01-01
SWESweden