�(
2024-08-30 
AFGAfghanistan *
2016-07-29
AGOAngola *
1996-11-23
ALBAlbania*
2000-09-08'
AREUnited Arab Emirates*
1996-04-10
ARG	Argentina*
1995-01-01
ARMArmenia*
2003-02-05&
ATGAntigua and Barbuda*
1995-01-01
AUS	Australia*
1995-01-01
AUTAustria*
1995-01-01
BDIBurundi *
1995-07-23
BELBelgium*
1995-01-01
BENBenin *
1996-02-22!
BFABurkina Faso *
1995-06-03
BGD
Bangladesh *
1995-01-01
BGRBulgaria*
1996-12-01&
BHRBahrain, Kingdom of*
1995-01-01
BLZBelize*
1995-01-012
BOLBolivia, Plurinational State of*
1995-09-12
BRABrazil*
1995-01-01
BRBBarbados*
1995-01-01$
BRNBrunei Darussalam*
1995-01-01
BWABotswana*
1995-05-31-
CAFCentral African Republic *
1995-05-31
CANCanada*
1995-01-01
CHESwitzerland*
1995-07-01
CHLChile*
1995-01-01
CHNChina*
2001-12-11!
CIVCôte d'Ivoire*
1995-01-01
CMRCameroon*
1995-12-135
COD Democratic Republic of the Congo *
1997-01-01
COGCongo*
1997-03-27
COLColombia*
1995-04-30
COMComoros *
2024-08-21
CPV
Cabo Verde*
2008-07-23
CRI
Costa Rica*
1995-01-01
CUBCuba*
1995-04-20
CYPCyprus*
1995-07-30#
CZECzech Republic*
1995-01-01
DEUGermany*
1995-01-01
DJIDjibouti *
1995-05-31
DMADominica*
1995-01-01
DNKDenmark*
1995-01-01%
DOMDominican Republic*
1995-03-09
ECUEcuador*
1996-01-21
EGYEgypt*
1995-06-30
ESPSpain*
1995-01-01
ESTEstonia*
1999-11-13 
EUEuropean Union*
1995-01-01
FINFinland*
1995-01-01
FJIFiji*
1996-01-14
FRAFrance*
1995-01-01
GABGabon*
1995-01-01!
GBRUnited Kingdom*
1995-01-01
GEOGeorgia*
2000-06-14
GHAGhana*
1995-01-01
GINGuinea *
1995-10-25
GMB
The Gambia *
1996-10-23"
GNBGuinea-Bissau *
1995-05-31
GRCGreece*
1995-01-01
GRDGrenada*
1996-02-22
GTM	Guatemala*
1995-07-21
GUYGuyana*
1995-01-01#
HKGHong Kong, China*
1995-01-01
HNDHonduras*
1995-01-01
HRVCroatia*
2000-11-30
HTIHaiti *
1996-01-30
HUNHungary*
1995-01-01
IDN	Indonesia*
1995-01-01
INDIndia*
1995-01-01
IRLIreland*
1995-01-01
ISLIceland*
1995-01-01
ISRIsrael*
1995-04-21
ITAItaly*
1995-01-01
JAMJamaica*
1995-03-09
JORJordan*
2000-04-11
JPNJapan*
1995-01-01
KAZ
Kazakhstan*
2015-11-30
KENKenya*
1995-01-01"
KGZKyrgyz Republic*
1998-12-20
KHMCambodia *
2004-10-13(
KNASaint Kitts and Nevis*
1996-02-21%
KORKorea, Republic of*
1995-01-01'
KWTKuwait, the State of*
1995-01-015
LAO Lao People's Democratic Republic *
2013-02-02
LBRLiberia *
2016-07-14
LCASaint Lucia*
1995-01-01 
LIELiechtenstein*
1995-09-01
LKA	Sri Lanka*
1995-01-01
LSOLesotho *
1995-05-31
LTU	Lithuania*
2001-05-31
LUX
Luxembourg*
1995-01-01
LVALatvia*
1999-02-10
MACMacao, China*
1995-01-01
MARMorocco*
1995-01-01'
MDAMoldova, Republic of*
2001-07-26
MDG
Madagascar *
1995-11-17
MDVMaldives*
1995-05-31
MEXMexico*
1995-01-01"
MKDNorth Macedonia*
2003-04-04
MLIMali *
1995-05-31
MLTMalta*
1995-01-01
MMRMyanmar *
1995-01-01
MNE
Montenegro*
2012-04-29
MNGMongolia*
1997-01-29
MOZ
Mozambique *
1995-08-26
MRT
Mauritania *
1995-05-31
MUS	Mauritius*
1995-01-01
MWIMalawi *
1995-05-31
MYSMalaysia*
1995-01-01
NAMNamibia*
1995-01-01
NERNiger *
1996-12-13
NGANigeria*
1995-01-01
NIC	Nicaragua*
1995-09-03 
NLDNetherlands*
1995-01-01
NORNorway*
1995-01-01
NPLNepal *
2004-04-23
NZLNew Zealand*
1995-01-01
OMNOman*
2000-11-09
PAKPakistan*
1995-01-01
PANPanama*
1997-09-06
PERPeru*
1995-01-01
PHLPhilippines*
1995-01-01#
PNGPapua New Guinea*
1996-06-09
POLPoland*
1995-07-01
PRTPortugal*
1995-01-01
PRYParaguay*
1995-01-01
QATQatar*
1996-01-13
ROURomania*
1995-01-01%
RUSRussian Federation*
2012-08-22
RWARwanda *
1996-05-22+
SAUSaudi Arabia, Kingdom of*
2005-12-11
SENSenegal *
1995-01-01
SGP	Singapore*
1995-01-01$
SLBSolomon Islands *
1996-07-26!
SLESierra Leone *
1995-07-23
SLVEl Salvador*
1995-05-07
SURSuriname*
1995-01-01$
SVKSlovak Republic*
1995-01-01
SVNSlovenia*
1995-07-30
SWESweden*
1995-01-01
SWZEswatini*
1995-01-01
SYC
Seychelles*
2015-04-26
TCDChad *
1996-10-19
TGOTogo *
1995-05-31
THAThailand*
1995-01-01
TJK
Tajikistan*
2013-03-02 
TLSTimor-Leste *
2024-08-30
TONTonga*
2007-07-27&
TTOTrinidad and Tobago*
1995-03-01
TUNTunisia*
1995-03-29
TURTürkiye*
1995-03-26!
TWNChinese Taipei*
2002-01-01
TZATanzania *
1995-01-01
UGAUganda *
1995-01-01
UKRUkraine*
2008-05-16
URYUruguay*
1995-01-01 
USAUnited States*
1995-01-013
VCT Saint Vincent and the Grenadines*
1995-01-014
VEN!Venezuela, Bolivarian Republic of*
1995-01-01
VNMViet Nam*
2007-01-11
VUTVanuatu*
2012-08-24
WSMSamoa*
2012-05-10
YEMYemen *
2014-06-26
ZAFSouth Africa*
1995-01-01
ZMBZambia *
1995-01-01
ZWEZimbabwe*
1995-03-05