"""Names of places that are not in the INSEE referential: countries, foreign cities, aliases."""

from __future__ import annotations

# Words that are commune names somewhere but, inside a longer text, mean something else.
NOT_A_NAME = frozenset(
    {
        "FRANCE", "CENTRE", "NORD", "SUD", "EST", "OUEST", "VILLE", "REGION", "GRAND", "GRANDE",
        "METROPOLE", "AGGLOMERATION", "AGGLO", "PROCHE", "ENVIRONS", "ALENTOURS", "SECTEUR",
        "BASSIN", "PAYS", "AIRE", "ZONE", "LES", "DES", "SUR", "SOUS", "AUX", "ENTRE", "PRES",
    }
)  # fmt: skip

# Well-known places that are no commune, to the communes they spread over (INSEE codes, COG
# 2024): business districts and technopoles, the villes nouvelles of INSEE's list (1965–2002) that
# kept a name of their own, agglomerations and ski areas of several communes. Each lists the
# communes of its core, as their planning bodies (EPA, agglomeration communities) name them; the
# place is then `ambiguous` among them, in their département when they share one. Written by hand:
# no open referential names these areas (La Poste's lieux-dits column, ligne 5, is not in the
# codes-postaux package of the Base Adresse Nationale).
# Marne-la-Vallée: Val Maubuée, Val de Bussy, Val d'Europe (Seine-et-Marne).
_MARNE_LA_VALLEE = (
    "77083", "77337", "77258", "77468", "77058", "77111", "77449", "77268", "77121", "77146",
    "77169", "77018", "77307",
)  # fmt: skip
_CERGY_PONTOISE = ("95127", "95500", "95476", "95218", "95323", "95637", "95572", "95183", "95388")
_SAINT_QUENTIN_EN_YVELINES = (
    "78297", "78423", "78621", "78208", "78644", "78688", "78356", "78168", "78383", "78490",
    "78165", "78674",
)  # fmt: skip
_SENART = ("77251", "77296", "77445", "77122", "77067", "77495", "77326", "77384", "91573", "91617")
_SACLAY = ("91534", "91471", "91272", "91477", "91538", "91122")
_ROISSY_CDG = ("95527", "93073", "77282", "77291")
# Islands: Marie-Galante (Grand-Bourg, Capesterre-de-Marie-Galante, Saint-Louis), les Saintes
# (Terre-de-Haut, Terre-de-Bas), Belle-Île-en-Mer (Le Palais, Bangor, Sauzon, Locmaria), the ten
# communes of the Île de Ré, the eight of Oléron and the four of Noirmoutier.
_MARIE_GALANTE = ("97112", "97108", "97126")
_LES_SAINTES = ("97131", "97130")
_BELLE_ILE = ("56152", "56009", "56241", "56114")
_ILE_DE_RE = (
    "17369", "17019", "17121", "17051", "17161", "17286", "17207", "17297", "17318", "17360",
)  # fmt: skip
_OLERON = ("17385", "17093", "17140", "17485", "17486", "17323", "17337", "17411")
_NOIRMOUTIER = ("85163", "85011", "85106", "85083")
AREAS = {
    "LA DEFENSE": ("92026", "92050", "92062"),
    "PARIS LA DEFENSE": ("92026", "92050", "92062"),
    "SOPHIA ANTIPOLIS": ("06004", "06018", "06085", "06152", "06155"),
    "MARNE LA VALLEE": _MARNE_LA_VALLEE,
    "VAL D EUROPE": ("77111", "77449", "77268", "77018"),
    "CERGY PONTOISE": _CERGY_PONTOISE,
    "ST QUENTIN EN YVELINES": _SAINT_QUENTIN_EN_YVELINES,
    "SENART": _SENART,
    "PARIS SACLAY": _SACLAY,
    "PLATEAU DE SACLAY": _SACLAY,
    "COURTABOEUF": ("91692", "91661", "91666"),
    "INOVALLEE": ("38229", "38249"),
    "LA PLAINE ST DENIS": ("93066", "93001"),
    "PLAINE ST DENIS": ("93066", "93001"),
    "ROISSY": _ROISSY_CDG,  # the airport, rather than Roissy-en-Brie
    "ROISSY CDG": _ROISSY_CDG,
    "ROISSY CHARLES DE GAULLE": _ROISSY_CDG,
    "AEROPORT CHARLES DE GAULLE": _ROISSY_CDG,
    "LA PLAGNE": ("73006", "73150"),  # Aime-la-Plagne, La Plagne Tarentaise
    "SERRE CHEVALIER": ("05133", "05161", "05079", "05023"),
    "PARADISKI": ("73006", "73150", "73054"),
    # Islands of several communes, each to all its communes (communes.csv, COG 2024): a name
    # written for the island is the island, not a commune its words begin ("Marie-Galante" is
    # not Marie (06), "Les Saintes" not Saintes (17)).
    "MARIE GALANTE": _MARIE_GALANTE,
    "ILE DE MARIE GALANTE": _MARIE_GALANTE,
    "LES SAINTES": _LES_SAINTES,
    "ILES DES SAINTES": _LES_SAINTES,
    "BELLE ILE": _BELLE_ILE,
    "BELLE ILE EN MER": _BELLE_ILE,
    "ILE DE RE": _ILE_DE_RE,
    "ILE D OLERON": _OLERON,
    "OLERON": _OLERON,
    "ILE DE NOIRMOUTIER": _NOIRMOUTIER,
    "NOIRMOUTIER": _NOIRMOUTIER,
}  # fmt: skip
# Ski resorts and lieux-dits that people write as the workplace, each lying in one commune: to
# that commune's INSEE code (COG 2024). A name that is also another commune's ("Les Arcs", a
# commune of the Var and the resort of Bourg-Saint-Maurice) makes them namesakes, which a
# département, a postal code or the context tells apart. Written by hand for the reason above;
# the numbers that follow a resort's name ("Courchevel 1850", "Arc 1800") are its altitude.
LOCALITIES = {
    "VAL THORENS": "73257", "LES MENUIRES": "73257", "MERIBEL": "73015",
    "MERIBEL MOTTARET": "73015", "MOTTARET": "73015", "LES ARCS": "73054", "ARC 1600": "73054",
    "ARC 1800": "73054", "ARC 1950": "73054", "ARC 2000": "73054",
    "VAL CLARET": "73296", "TIGNES LE LAC": "73296", "TIGNES VAL CLARET": "73296",
    "ALPE D HUEZ": "38191", "L ALPE D HUEZ": "38191", "AVORIAZ": "74191", "FLAINE": "74014",
    "LES CARROZ": "74014", "LES CARROZ D ARACHES": "74014", "ISOLA 2000": "06073",
    "PRA LOUP": "04226", "SUPERDEVOLUY": "05139", "SUPER DEVOLUY": "05139",
    "ORCIERES MERLETTE": "05096", "LA MONGIE": "65059", "VALMOREL": "73024",
    "VALLANDRY": "73197", "PEISEY VALLANDRY": "73197", "SUPER BESSE": "63038",
    "ST BARTH": "97701", "ST BARTHS": "97701", "ST BARTHELEMY": "97701",
    "LE LIORAN": "15101", "LA ROSIERE": "73176", "LE CORBIER": "73318", "LA TOUSSUIRE": "73116",
    "LES SAISIES": "73132", "PIAU ENGALY": "65017", "EURALILLE": "59350",
}  # fmt: skip
# Régions as people still name them (before 2016) or abbreviate them.
REGION_ALIASES = {
    "IDF": "11", "REGION PARISIENNE": "11", "PACA": "93", "AURA": "84", "CENTRE": "24",
    "REUNION": "04", "ALSACE": "44", "LORRAINE": "44", "CHAMPAGNE ARDENNE": "44",
    "NORD PAS DE CALAIS": "32", "PICARDIE": "32", "BOURGOGNE": "27", "FRANCHE COMTE": "27",
    "AQUITAINE": "75", "LIMOUSIN": "75", "POITOU CHARENTES": "75", "MIDI PYRENEES": "76",
    "LANGUEDOC ROUSSILLON": "76", "RHONE ALPES": "84", "AUVERGNE": "84",
    "HAUTE NORMANDIE": "28", "BASSE NORMANDIE": "28", "GRAND PARIS": "11",
    "AGGLOMERATION PARISIENNE": "11", "BANLIEUE PARISIENNE": "11", "PETITE COURONNE": "11",
    "GRANDE COURONNE": "11", "CHAMPAGNE ARDENNES": "44", "NORD PAS DE CALAIS PICARDIE": "32",
    "LANGUEDOC ROUSSILLON MIDI PYRENEES": "76", "ALSACE CHAMPAGNE ARDENNE LORRAINE": "44",
    "AQUITAINE LIMOUSIN POITOU CHARENTES": "75", "AUVERGNE RHONE ALPES": "84",
    "PROVENCE ALPES COTE D AZUR": "93", "PROVENCE": "93", "COTE D AZUR": "93",
    "BOURGOGNE FRANCHE COMTE": "27", "NORMANDIE": "28",
}  # fmt: skip
"""Régions before 2016 (INSEE's list of the 22 metropolitan régions of 1982–2015) and the
interim names of 2016, to the région of today that holds them whole."""
# Country names and codes, folded, to ISO 3166 code and French name.
COUNTRIES = {
    "FRANCE": ("FR", "France"), "FR": ("FR", "France"), "FRA": ("FR", "France"),
    "FRANCE METROPOLITAINE": ("FR", "France"),
    "GERMANY": ("DE", "Allemagne"), "ALLEMAGNE": ("DE", "Allemagne"),
    "DEUTSCHLAND": ("DE", "Allemagne"), "DE": ("DE", "Allemagne"),
    "UK": ("GB", "Royaume-Uni"), "GB": ("GB", "Royaume-Uni"),
    "UNITED KINGDOM": ("GB", "Royaume-Uni"),
    "ROYAUME UNI": ("GB", "Royaume-Uni"), "ENGLAND": ("GB", "Royaume-Uni"),
    "ANGLETERRE": ("GB", "Royaume-Uni"), "GREAT BRITAIN": ("GB", "Royaume-Uni"),
    "SCOTLAND": ("GB", "Royaume-Uni"), "ECOSSE": ("GB", "Royaume-Uni"),
    "BELGIUM": ("BE", "Belgique"), "BELGIQUE": ("BE", "Belgique"), "BE": ("BE", "Belgique"),
    "SWITZERLAND": ("CH", "Suisse"), "SUISSE": ("CH", "Suisse"), "SCHWEIZ": ("CH", "Suisse"),
    "CH": ("CH", "Suisse"), "LUXEMBOURG": ("LU", "Luxembourg"), "LU": ("LU", "Luxembourg"),
    "SPAIN": ("ES", "Espagne"), "ESPAGNE": ("ES", "Espagne"), "ESPANA": ("ES", "Espagne"),
    "ES": ("ES", "Espagne"), "ITALY": ("IT", "Italie"), "ITALIE": ("IT", "Italie"),
    "ITALIA": ("IT", "Italie"), "IT": ("IT", "Italie"),
    "NETHERLANDS": ("NL", "Pays-Bas"), "PAYS BAS": ("NL", "Pays-Bas"),
    "THE NETHERLANDS": ("NL", "Pays-Bas"), "NL": ("NL", "Pays-Bas"),
    "PORTUGAL": ("PT", "Portugal"), "PT": ("PT", "Portugal"),
    "IRELAND": ("IE", "Irlande"), "IRLANDE": ("IE", "Irlande"), "IE": ("IE", "Irlande"),
    "AUSTRIA": ("AT", "Autriche"), "AUTRICHE": ("AT", "Autriche"),
    "POLAND": ("PL", "Pologne"), "POLOGNE": ("PL", "Pologne"),
    "SWEDEN": ("SE", "Suède"), "SUEDE": ("SE", "Suède"), "DENMARK": ("DK", "Danemark"),
    "DANEMARK": ("DK", "Danemark"), "NORWAY": ("NO", "Norvège"), "NORVEGE": ("NO", "Norvège"),
    "FINLAND": ("FI", "Finlande"), "FINLANDE": ("FI", "Finlande"),
    "MONACO": ("MC", "Monaco"), "ANDORRA": ("AD", "Andorre"), "ANDORRE": ("AD", "Andorre"),
    "USA": ("US", "États-Unis"), "US": ("US", "États-Unis"), "UNITED STATES": ("US", "États-Unis"),
    "UNITED STATES OF AMERICA": ("US", "États-Unis"), "ETATS UNIS": ("US", "États-Unis"),
    "CANADA": ("CA", "Canada"), "MOROCCO": ("MA", "Maroc"), "MAROC": ("MA", "Maroc"),
    "TUNISIA": ("TN", "Tunisie"), "TUNISIE": ("TN", "Tunisie"), "ALGERIA": ("DZ", "Algérie"),
    "ALGERIE": ("DZ", "Algérie"), "SENEGAL": ("SN", "Sénégal"),
    "COTE D IVOIRE": ("CI", "Côte d'Ivoire"), "IVORY COAST": ("CI", "Côte d'Ivoire"),
    "INDIA": ("IN", "Inde"), "INDE": ("IN", "Inde"), "SINGAPORE": ("SG", "Singapour"),
    "SINGAPOUR": ("SG", "Singapour"), "AUSTRALIA": ("AU", "Australie"),
    "AUSTRALIE": ("AU", "Australie"), "JAPAN": ("JP", "Japon"), "JAPON": ("JP", "Japon"),
    "CHINA": ("CN", "Chine"), "CHINE": ("CN", "Chine"), "BRAZIL": ("BR", "Brésil"),
    "BRESIL": ("BR", "Brésil"), "MEXICO": ("MX", "Mexique"), "MEXIQUE": ("MX", "Mexique"),
}  # fmt: skip
# Big foreign cities, used only when no French commune has the name (Montréal, Valence do).
FOREIGN_CITIES = {
    "LONDON": "GB", "LONDRES": "GB", "MANCHESTER": "GB", "EDINBURGH": "GB", "BERLIN": "DE",
    "MUNICH": "DE", "MUNCHEN": "DE", "HAMBURG": "DE", "HAMBOURG": "DE", "FRANKFURT": "DE",
    "FRANCFORT": "DE", "KOLN": "DE", "DUSSELDORF": "DE", "STUTTGART": "DE",
    "BRUXELLES": "BE", "BRUSSELS": "BE", "BRUSSEL": "BE", "ANVERS": "BE", "ANTWERP": "BE",
    "GAND": "BE", "GHENT": "BE", "LIEGE": "BE", "GENEVE": "CH", "GENEVA": "CH", "GENF": "CH",
    "ZURICH": "CH", "LAUSANNE": "CH", "BALE": "CH", "BASEL": "CH", "BERNE": "CH", "BERN": "CH",
    "MADRID": "ES", "BARCELONA": "ES", "BARCELONE": "ES", "MILAN": "IT", "MILANO": "IT",
    "TURIN": "IT", "TORINO": "IT", "ROMA": "IT", "AMSTERDAM": "NL", "ROTTERDAM": "NL",
    "LISBON": "PT", "LISBONNE": "PT", "LISBOA": "PT", "PORTO": "PT", "DUBLIN": "IE",
    "VIENNA": "AT", "WIEN": "AT", "WARSAW": "PL", "VARSOVIE": "PL", "STOCKHOLM": "SE",
    "COPENHAGEN": "DK", "COPENHAGUE": "DK", "OSLO": "NO", "HELSINKI": "FI",
    "NEW YORK": "US", "SAN FRANCISCO": "US", "TORONTO": "CA", "VANCOUVER": "CA",
    "CASABLANCA": "MA", "RABAT": "MA", "TUNIS": "TN", "ALGER": "DZ", "DAKAR": "SN",
    # Across the border, where many people of the Ain, Haute-Savoie, Nord, Moselle or the
    # Alpes-Maritimes work ("frontaliers").
    "MONTE CARLO": "MC", "MONACO VILLE": "MC", "NYON": "CH", "MORGES": "CH", "VEVEY": "CH",
    "MONTREUX": "CH", "YVERDON": "CH", "YVERDON LES BAINS": "CH", "SION": "CH",
    "FRIBOURG": "CH", "NEUCHATEL": "CH", "LA CHAUX DE FONDS": "CH", "MEYRIN": "CH",
    "CAROUGE": "CH", "VERNIER": "CH", "LANCY": "CH", "PLAN LES OUATES": "CH", "LUGANO": "CH",
    "LUCERNE": "CH", "LUZERN": "CH", "WINTERTHUR": "CH", "DELEMONT": "CH", "PORRENTRUY": "CH",
    "ESCH SUR ALZETTE": "LU", "DIFFERDANGE": "LU", "DUDELANGE": "LU", "KIRCHBERG": "LU",
    "NAMUR": "BE", "CHARLEROI": "BE", "MONS": "BE", "TOURNAI": "BE", "MOUSCRON": "BE",
    "COURTRAI": "BE", "KORTRIJK": "BE", "ARLON": "BE", "SARREBRUCK": "DE",
    "SAARBRUCKEN": "DE", "KARLSRUHE": "DE", "FREIBURG": "DE", "OFFENBURG": "DE",
    "KEHL": "DE", "ANDORRE LA VIEILLE": "AD", "ANDORRA LA VELLA": "AD",
    "ESCALDES ENGORDANY": "AD", "VINTIMILLE": "IT", "VENTIMIGLIA": "IT", "SAN REMO": "IT",
    "SANREMO": "IT", "AOSTE": "IT", "AOSTA": "IT",
}  # fmt: skip
# Zones of several countries that remote (and some on-site) jobs are open to, to their French name.
# Two- to four-letter ones ("EU") are communes too (Eu, Seine-Maritime): they are read as a zone
# when written in capitals or beside a remote-work word, as a commune otherwise.
ZONES = {
    "EU": "Union européenne", "UE": "Union européenne", "EUROPEAN UNION": "Union européenne",
    "UNION EUROPEENNE": "Union européenne", "EEA": "Espace économique européen",
    "EUROPE": "Europe", "EMEA": "EMEA", "APAC": "Asie-Pacifique", "LATAM": "Amérique latine",
    "NORTH AMERICA": "Amérique du Nord", "AMERIQUE DU NORD": "Amérique du Nord",
    "AMERICAS": "Amériques", "DACH": "Allemagne, Autriche, Suisse", "BENELUX": "Benelux",
    "NORDICS": "Pays nordiques", "WORLDWIDE": "Monde", "WORLD": "Monde", "GLOBAL": "Monde",
    "MONDE": "Monde", "INTERNATIONAL": "Monde", "ANYWHERE": "Monde", "PARTOUT": "Monde",
}  # fmt: skip
# The whole of France, as people write it.
FRANCE_WHOLE = frozenset(
    {
        "FRANCE ENTIERE", "TOUTE LA FRANCE", "FRANCE METROPOLITAINE", "NATIONAL", "NATIONALE",
        "TERRITOIRE NATIONAL", "PARTOUT EN FRANCE", "FRANCE ET DOM", "FRANCE DOM TOM",
    }
)  # fmt: skip
# Big cities' adjectives ("région lyonnaise"), to the département of the city.
CITY_ADJECTIVES = {
    "LYONNAIS": "69", "LYONNAISE": "69", "BORDELAIS": "33", "BORDELAISE": "33",
    "TOULOUSAIN": "31", "TOULOUSAINE": "31", "NANTAIS": "44", "NANTAISE": "44",
    "MARSEILLAIS": "13", "MARSEILLAISE": "13", "LILLOIS": "59", "LILLOISE": "59",
    "GRENOBLOIS": "38", "GRENOBLOISE": "38", "RENNAIS": "35", "RENNAISE": "35",
    "STRASBOURGEOIS": "67", "STRASBOURGEOISE": "67", "NICOIS": "06", "NICOISE": "06",
    "MONTPELLIERAIN": "34", "MONTPELLIERAINE": "34", "STEPHANOIS": "42", "STEPHANOISE": "42",
    "ROUENNAIS": "76", "ROUENNAISE": "76", "NANCEIEN": "54", "NANCEIENNE": "54",
    "ANGEVIN": "49", "ANGEVINE": "49", "TOURANGEAU": "37", "TOURANGELLE": "37",
    "CLERMONTOIS": "63", "CLERMONTOISE": "63", "DIJONNAIS": "21", "DIJONNAISE": "21",
    "ORLEANAIS": "45", "ORLEANAISE": "45", "HAVRAIS": "76", "HAVRAISE": "76",
    "REMOIS": "51", "REMOISE": "51", "MESSIN": "57", "MESSINE": "57",
    "ANNECIEN": "74", "ANNECIENNE": "74", "CHAMBERIEN": "73", "CHAMBERIENNE": "73",
    "TOULONNAIS": "83", "TOULONNAISE": "83", "BRESTOIS": "29", "BRESTOISE": "29",
    "CAENNAIS": "14", "CAENNAISE": "14", "MANCEAU": "72", "MANCELLE": "72",
    "LIMOUGEAUD": "87", "LIMOUGEAUDE": "87", "PALOIS": "64", "PALOISE": "64",
    "BAYONNAIS": "64", "BAYONNAISE": "64", "AMIENOIS": "80", "AMIENOISE": "80",
    "MULHOUSIEN": "68", "MULHOUSIENNE": "68", "PERPIGNANAIS": "66", "PERPIGNANAISE": "66",
    "NIMOIS": "30", "NIMOISE": "30", "AVIGNONNAIS": "84", "AVIGNONNAISE": "84",
}  # fmt: skip
# Words before such an adjective, or before a city's name ("Grand Lyon"), that make a city's area.
AREA_WORDS = frozenset(
    {"REGION", "AGGLOMERATION", "AGGLO", "METROPOLE", "BASSIN", "AIRE", "SECTEUR", "ZONE",
     "GRAND", "GRANDE", "PERIPHERIE", "BANLIEUE", "COURONNE"}
)  # fmt: skip

# Traditional areas ("pays") that lie within one département, as job postings name a sector
# ("Secteur Chablais", "Poste sur le Pays de Gex"): their département, no commune.
AREAS_OF_ONE_DEPARTEMENT = {
    "CHABLAIS": "74", "FAUCIGNY": "74", "VALLEE DE L ARVE": "74", "ARAVIS": "74",
    "PAYS DE GEX": "01", "BUGEY": "01", "DOMBES": "01", "MAURIENNE": "73",
    "TARENTAISE": "73", "BEAUJOLAIS": "69", "GRESIVAUDAN": "38", "OISANS": "38",
    "TRIEVES": "38", "COTENTIN": "50", "PAYS DE CAUX": "76", "PAYS DE RETZ": "44",
    "MEDOC": "33", "BASSIN D ARCACHON": "33", "PAYS BASQUE": "64", "BEARN": "64",
    "CHAMPSAUR": "05", "QUEYRAS": "05", "BALAGNE": "2B", "CAP CORSE": "2B",
    "PAYS D AIX": "13", "PAYS DE MONTBELIARD": "25", "SUNDGAU": "68",
}  # fmt: skip
# Names of island groups and regions that span several départements or collectivités, written
# beside a namesake to tell it apart ("Saint-Martin (Antilles)" is 97801, not Saint-Martin-d'Hères):
# the Antilles françaises are Guadeloupe (971), Martinique (972), Saint-Barthélemy (977) and
# Saint-Martin (978); Corse is Corse-du-Sud and Haute-Corse; "DOM" and "Outre-mer" all of them.
_OVERSEAS = ("971", "972", "973", "974", "976", "975", "977", "978", "986", "987", "988")
AREAS_OF_SEVERAL_DEPARTEMENTS = {
    "ANTILLES": ("971", "972", "977", "978"), "ANTILLES FRANCAISES": ("971", "972", "977", "978"),
    "CORSE": ("2A", "2B"), "ILE DE BEAUTE": ("2A", "2B"), "DOM": _OVERSEAS,
    "DOM TOM": _OVERSEAS, "OUTRE MER": _OVERSEAS, "ILES DU VENT": ("971", "972", "977", "978"),
}  # fmt: skip
