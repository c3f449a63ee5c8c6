"""Fixed vocabularies of the generated world: themes, entities, people, outlets and rare terms.

Plain data, so the generator stays readable and the tables can be reviewed at a glance.
Everything here is invented for this project; names and outlets are fictional, domains use
the reserved `.example` top-level domain so generated URLs can never reach a real site.
"""

from __future__ import annotations

THEMES_TEXT = """
Trade | tariff tariffs; export exports exporting exported; import imports importing imported; customs
Visa policy | visa visas; passport passports; consulate consulates consular; residency
Energy | electricity; grid grids; utility utilities; kilowatt kilowatts
Oil and gas | oil; pipeline pipelines; refinery refineries; crude
Nuclear power | nuclear; reactor reactors; uranium; enrichment
Climate change | climate; emission emissions; carbon; warming
Water management | irrigation irrigated; drought droughts; reservoir reservoirs; aquifer aquifers
Agriculture | farmer farmers farming; harvest harvests harvested; livestock; wheat
Food security | grain grains; famine; nutrition nutritional; staple staples
Mining | mine mines mining; copper; ore ores; mineral minerals
Banking | bank banks banking; loan loans; lender lenders lending; deposit deposits
Inflation | inflation inflationary; monetary; deflation; overheating
Currency | currency currencies; devaluation devalued; dollar dollars; peg pegged
Taxation | tax taxes taxation taxed; levy levies; deduction deductions; taxpayer taxpayers
Public debt | deficit deficits; debt debts; bond bonds; austerity
Foreign investment | investor investors; investment investments; greenfield; shareholder shareholders
Infrastructure | bridge bridges; highway highways; tunnel tunnels; motorway motorways
Railways | railway railways; freight; locomotive locomotives; rail
Aviation | airline airlines; airport airports; flight flights; aircraft
Shipping and ports | port ports; shipping; vessel vessels; cargo
Tourism | tourism tourist tourists; hotel hotels; sightseeing; resort resorts
Elections | election elections electoral; voter voters voting; ballot ballots; candidate candidates
Constitutional reform | constitution constitutional; amendment amendments; referendum referendums
Human rights | detention detained; activist activists; torture; dissident dissidents
Media freedom | journalist journalists journalism; censorship censored; newspaper newspapers; broadcaster broadcasters
Corruption | corruption corrupt; bribe bribes bribery; embezzlement; kickback kickbacks
Judiciary | court courts; judge judges; verdict verdicts; appeal appeals appealed
Counter-terrorism | terrorism terrorist terrorists; intelligence; extremism extremist extremists; surveillance
Defence | army armies; troop troops; weapon weapons; battalion battalions
Diplomacy | diplomacy diplomatic diplomat diplomats; ambassador ambassadors; embassy embassies; envoy envoys
Sanctions | sanction sanctions sanctioned; embargo; blacklist blacklisted
Labour market | unemployment unemployed; wage wages; employer employers; payroll
Pensions | pension pensions pensioner pensioners; retirement retire retired; contribution contributions
Healthcare | hospital hospitals; doctor doctors; patient patients; clinic clinics
Schools | school schools schooling; teacher teachers teaching; pupil pupils; curriculum
Universities | university universities; student students; professor professors; campus
Science | scientist scientists; laboratory laboratories; experiment experiments; physics
Digitalisation | digital digitalisation; online; platform platforms; software
Artificial intelligence | algorithm algorithms; automation automated; chatbot chatbots; robot robots robotics
Cybersecurity | hacker hackers hacking hacked; malware; ransomware; encryption encrypted
Telecommunications | broadband; mobile; fibre; spectrum
Space | satellite satellites; rocket rockets; orbit orbital; astronaut astronauts
Startups | startup startups; founder founders; venture; incubator incubators
Stock market | stock stocks; equity equities; dividend dividends; listing listings
Privatisation | privatisation privatised; stake stakes; auction auctions; divestment
Housing | mortgage mortgages; apartment apartments; rent rents renting rented; tenant tenants
Urban planning | urban; suburb suburbs; skyscraper skyscrapers; downtown
Public transport | bus buses; metro; tram trams; commuter commuters
Pollution | pollution polluted polluting; smog; waste; recycling recycled
Biodiversity | wildlife; species; forest forests; habitat habitats
Culture | museum museums; theatre theatres; artist artists; exhibition exhibitions
Film and music | film films; festival festivals; concert concerts; cinema
Sport | athlete athletes; football; championship championships; olympic olympics
Religion | religion religious; mosque mosques; church churches; faith
Youth | youth; teenager teenagers; graduate graduates; volunteer volunteers volunteering
Gender equality | gender; equality; women; maternity
Migration | migration migrant migrants; remittance remittances; diaspora; emigration
Refugees | refugee refugees; asylum; displaced; humanitarian
Regional integration | integration; bloc blocs; summit summits; treaty treaties
Logistics | logistics logistical; corridor corridors; transit; warehouse warehouses
Renewable energy | solar; wind; turbine turbines; renewable renewables
Coal | coal; miner miners; colliery collieries; thermal
Manufacturing | factory factories; manufacturing manufacturer manufacturers; assembly; machinery
Automotive | car cars; vehicle vehicles; automaker automakers; dealership dealerships
Pharmaceuticals | pharmaceutical pharmaceuticals; medicine medicines; drug drugs; vaccine vaccines vaccination
Small business | entrepreneur entrepreneurs entrepreneurship; licence licences licensing; microfinance; shopkeeper shopkeepers
Competition policy | monopoly monopolies; antitrust; cartel cartels; regulator regulators
Public administration | bureaucracy bureaucratic bureaucrats; ministry ministries; paperwork; permit permits
Local government | mayor mayors; municipal municipality municipalities; council councils; governor governors
Social policy | welfare; poverty; allowance allowances; subsidy subsidies subsidised
Demographics | census; birth births; ageing; fertility
Heritage | archive archives; heritage; monument monuments; historian historians
Language policy | language languages; bilingual; alphabet; translation translated
Geopolitics | geopolitics geopolitical; rivalry; superpower superpowers; hegemony
Peacekeeping | peacekeeping peacekeeper peacekeepers; ceasefire; truce; mediator mediators
Arms control | disarmament; nonproliferation; warhead warheads; missile missiles
Pandemic response | pandemic pandemics; lockdown lockdowns; quarantine; infection infections infected
""".strip()
"""One theme a line: `Name | family; family; ...`, each family a keyword with its inflections."""

FOCUS_ENTITIES = [
    "Germany", "China", "India", "Brazil", "Japan", "Turkey", "France", "Nigeria", "Indonesia",
    "Mexico", "Poland", "Egypt", "Canada", "Vietnam", "Kenya", "Italy", "Spain", "South Korea",
    "Saudi Arabia", "Argentina", "Norway", "Morocco", "Chile", "Pakistan", "Ukraine", "Australia",
    "European Union", "African Union", "ASEAN", "Central Asia", "Latin America", "Arctic",
    "Balkans", "Sahel", "Gulf states", "Baltic states", "Scandinavia", "Caucasus",
]
"""Places and blocs that combine with a theme into a focused topic such as `Energy: Germany`."""

ENTITIES = [
    "United States", "China", "European Union", "Germany", "India", "United Nations", "Russia",
    "Japan", "France", "United Kingdom", "Brazil", "Turkey", "World Bank", "Canada", "Italy",
    "International Monetary Fund", "Mexico", "Indonesia", "South Korea", "Saudi Arabia", "Nigeria",
    "Egypt", "Poland", "Spain", "Australia", "NATO", "African Union", "Vietnam", "Kenya", "Pakistan",
    "Argentina", "ASEAN", "Ukraine", "Netherlands", "Norway", "Sweden", "Switzerland", "Morocco",
    "Chile", "World Health Organization", "Brussels", "Washington", "Beijing", "Geneva", "Singapore",
    "South Africa", "Ethiopia", "Kazakhstan", "Uzbekistan", "Qatar", "United Arab Emirates", "Israel",
    "Iran", "Thailand", "Malaysia", "Philippines", "Bangladesh", "Colombia", "Peru", "Ghana",
    "Greece", "Portugal", "Austria", "Finland", "Denmark", "Ireland", "Hungary", "Romania", "Georgia",
    "Armenia", "Azerbaijan", "Mongolia", "New Zealand", "World Trade Organization", "OECD",
    "Council of Europe", "European Central Bank", "Asian Development Bank", "G20", "OPEC",
    "Mercosur", "Arctic Council", "Red Cross",
]
"""Named entities mixed into prose, most prominent first (they get Zipf weights in this order)."""

RARE_TERMS = """
anemometer bathymetry chromatography dendrochronology electrophoresis ferrofluid gyrocompass
heliostat isotherm kaolinite lanthanum magnetometer neodymium obsidian piezometer quartzite
radiosonde spectrometer theodolite ultracentrifuge variometer wolframite xenolith yttrium zirconium
allotment bascule caisson dovetail escarpment fascine gabion hawser impeller joist keelson lintel
mullion nacelle outrigger penstock quoin revetment stanchion transom undercroft viaduct weir
aerobraking apogee barycentre coronagraph ephemeris heliopause magnetosphere nutation perihelion
regolith scintillation syzygy telemetry
amortisation arbitrageur backwardation clawback debenture escheat forfaiting gilts haircut
indemnity leverage novation overdraft quitrent remittitur securitisation tontine underwriting
usufruct warrantee yieldco
aneurysm bronchiole cataract dialysis endoscopy fibrillation glaucoma haemoglobin insulin
keratin laparoscopy melanoma nephrology orthodontics pathogen quinine rhinovirus sclerosis
tonsillitis urology ventricle
aquifuge brackish caldera delta esker fjord geyser hummock inselberg karst lagoon moraine
nunatak oxbow playa quagmire rill sastrugi tombolo upwelling vulcanism wadi yardang
bandwidth cache checksum daemon firmware hashing kernel latency multiplexer netmask packet
router sandbox throughput uplink virtualisation wavelet
alembic bellows crucible distillery enamel forge gilding glazier hosiery indigo jacquard
kiln lacquer loom marquetry niello ormolu pewter quilting rattan saddlery tannery upholstery
veneer wickerwork
archivist bibliography codex diptych engraving fresco gouache herbarium incunabula lithograph
manuscript palimpsest quatrain reliquary scriptorium tapestry triptych vellum woodcut
agronomy beekeeping cheesemaking dairying espalier fallow grafting haymaking loam mulching
orchard pollination silage tillage vineyard winnowing
""".split()
"""Specialist terms: each lands in only a handful of answers (~0.01% of them)."""

FIRST_NAMES = """
Adaeze Adrian Agnieszka Ahmed Aiko Alana Alejandra Aleksander Alina Amaka Amira Anders Andreea
Anika Antonio Aroha Astrid Ayodele Bartosz Beatriz Benedikt Bilal Birgit Bongani Camila Carmen
Catalina Cem Chiamaka Chloe Cristina Dalia Damian Dariusz Deniz Diego Dilnoza Dmitri Ebru Eduardo
Efua Elena Elif Emeka Emilia Enrique Esra Fabian Farah Fatou Felipe Femi Fernanda Filip Florian
Francesca Gabriel Gintare Giorgos Gonzalo Grete Gustavo Hamza Hana Hannes Haruto Helga Hoang
Ibrahim Ifeoma Ilse Imran Ines Ingrid Irina Isabela Ivan Jakub Javier Jelena Joao Joanna Jorge
Julien Kaito Kamala Karin Katarzyna Kemal Kofi Kwabena Lars Leandro Leila Lena Lorenzo Lucia
Magnus Maja Malik Mariam Marisol Mateus Mehmet Mei Mihai Milan Miriam Naledi Nadia Nikolai Nilufar
Nkechi Noor Oksana Olumide Omar Oskar Paulina Pedro Priya Rafael Ravi Renata Rohan Rosa Rui Sabine
Salma Samir Sanjay Sebastian Selin Sergio Shirin Sione Sipho Sofia Soren Sunita Taiwo Takeshi
Tamar Tariq Teodora Thandiwe Tobias Tomas Valentina Vikram Wanjiru Xavier Yaw Yasmin Yusuf Zainab
Zoltan Zuzana
""".split()

LAST_NAMES = """
Abara Adeyemi Agarwal Ahlberg Almeida Alvarez Amadi Andersson Antonescu Arce Asante Aziz Bakker
Balogun Banda Barros Becker Bhatt Bianchi Bjork Borowski Brandt Bustamante Cardoso Castillo
Cerny Chaudhry Cheng Cisse Costa Dahl Danso Desai Diallo Dimitrov Dossou Dubois Eklund Eze Falk
Farouk Ferreira Fischer Fonseca Fujita Galvez Garcia Gashi Georgiou Gomes Grabowski Guerrero Haddad
Hakimi Halvorsen Hansen Hartmann Herrera Hoffmann Holm Horvath Hussein Ibekwe Ishikawa Ivanova
Jansen Jovanovic Kamau Kaplan Karlsson Katz Kaya Keller Khalil Kimura Kiplagat Koch Kowalczyk
Kozak Kruger Kuznetsova Laine Lambert Larsen Lindqvist Lopes Lorenz Lungu Maalouf Machado Mahlangu
Mansour Marin Markovic Martins Mazur Medina Mensah Meyer Mishra Molina Moreau Moretti Mwangi Nair
Nakamura Navarro Ndlovu Nielsen Novak Nowicki Nyambura Obi Odhiambo Ogunleye Okoro Olsen Oyelaran
Ozdemir Pajari Papadopoulos Pereira Petrescu Pham Pinto Popescu Quispe Rahimi Rajan Ramos Rasmussen
Reyes Ribeiro Rinaldi Rojas Rossi Saarinen Sahin Salazar Santoro Sato Schulz Sekibo Serrano Shah
Sharma Silva Sorensen Suarez Svoboda Takahashi Tan Tembo Toure Tran Uchenna Urbanski Vargas Varga
Vasquez Virtanen Vogel Wagner Walczak Weiss Wojcik Yamada Yildirim Yilmaz Zapata Zielinski Zubiri
""".split()

COUNTRY_CITIES: dict[str, list[str]] = {
    "Germany": ["Berlin", "Hamburg", "Munich", "Düsseldorf", "Leipzig"],
    "France": ["Paris", "Lyon", "Marseille", "Toulouse"],
    "United Kingdom": ["London", "Manchester", "Edinburgh", "Cardiff"],
    "United States": ["New York", "Washington", "Chicago", "Houston", "San Francisco"],
    "Canada": ["Toronto", "Montréal", "Vancouver", "Ottawa"],
    "Brazil": ["São Paulo", "Rio de Janeiro", "Brasília", "Recife"],
    "Mexico": ["Mexico City", "Monterrey", "Guadalajara"],
    "Argentina": ["Buenos Aires", "Córdoba", "Rosario"],
    "Chile": ["Santiago", "Valparaíso"],
    "Nigeria": ["Lagos", "Abuja", "Kano"],
    "Kenya": ["Nairobi", "Mombasa"],
    "Ghana": ["Accra", "Kumasi"],
    "South Africa": ["Johannesburg", "Cape Town", "Durban"],
    "Egypt": ["Cairo", "Alexandria"],
    "Morocco": ["Rabat", "Casablanca", "Tangier"],
    "Turkey": ["Istanbul", "Ankara", "İzmir"],
    "India": ["New Delhi", "Mumbai", "Bengaluru", "Chennai"],
    "Pakistan": ["Islamabad", "Karachi", "Lahore"],
    "China": ["Beijing", "Shanghai", "Shenzhen", "Chengdu"],
    "Japan": ["Tokyo", "Osaka", "Kyoto"],
    "South Korea": ["Seoul", "Busan"],
    "Vietnam": ["Hanoi", "Ho Chi Minh City"],
    "Indonesia": ["Jakarta", "Surabaya"],
    "Singapore": ["Singapore"],
    "Australia": ["Sydney", "Melbourne", "Canberra"],
    "Poland": ["Warsaw", "Kraków", "Gdańsk"],
    "Italy": ["Rome", "Milan", "Turin", "Naples"],
    "Spain": ["Madrid", "Barcelona", "Valencia", "Sevilla"],
    "Norway": ["Oslo", "Bergen", "Tromsø"],
    "Sweden": ["Stockholm", "Gothenburg", "Malmö"],
    "Finland": ["Helsinki", "Tampere"],
    "Switzerland": ["Geneva", "Zürich", "Bern"],
    "Belgium": ["Brussels", "Antwerp"],
    "Netherlands": ["Amsterdam", "Rotterdam", "The Hague"],
    "Ukraine": ["Kyiv", "Lviv", "Odesa"],
    "Kazakhstan": ["Astana", "Almaty"],
    "Georgia": ["Tbilisi", "Batumi"],
    "Saudi Arabia": ["Riyadh", "Jeddah"],
    "United Arab Emirates": ["Dubai", "Abu Dhabi"],
    "Qatar": ["Doha"],
}
"""Countries of speakers and places of interviews, with a few cities each (some non-ASCII)."""

PORTFOLIOS = [
    "Finance", "Economy", "Foreign Affairs", "Energy", "Health", "Education", "Transport",
    "Agriculture", "Trade and Industry", "Digital Development", "Labour and Social Protection",
    "Environment", "Justice", "Culture", "Defence", "Science and Higher Education",
]
FIELDS = [
    "Economics", "International Relations", "Public Health", "Political Science", "Energy Policy",
    "Sociology", "Computer Science", "Environmental Science", "Law", "History", "Development Studies",
    "Urban Studies", "Migration Studies", "Security Studies", "Finance", "Demography",
]
GUEST_TITLES = [
    "Minister of {portfolio}", "Deputy Minister of {portfolio}", "Ambassador", "Professor of {field}",
    "Associate Professor of {field}", "Senior Fellow", "Research Director", "Chief Economist",
    "Chief Executive Officer", "Founder", "Chair of the Board", "Member of Parliament", "Mayor of {city}",
    "Director-General", "Head of Delegation", "Managing Partner", "Trade Union Leader", "Author",
    "Novelist", "Film Director", "Head Coach", "Secretary-General", "Special Envoy", "Policy Analyst",
]
ORG_PREFIXES = ["Northern", "Atlantic", "Meridian", "Continental", "Pacific", "Horizon", "Summit",
                "Crescent", "Silverline", "Keystone", "Harbour", "Evergreen", "Granite", "Aurora"]
ORG_KINDS = ["Holdings", "Group", "Capital", "Energy", "Logistics", "Partners", "Industries",
             "Foundation", "Analytics", "Ventures", "Telecom", "Minerals"]
INTERNATIONAL_ORGS = [
    "United Nations", "World Bank", "International Monetary Fund", "OECD", "World Health Organization",
    "World Trade Organization", "European Commission", "African Development Bank",
    "Asian Development Bank", "International Energy Agency", "Red Cross", "UNESCO",
]
JOURNALIST_TITLES = ["Correspondent", "Editor-in-Chief", "Senior Reporter", "Presenter", "Political Editor",
                     "Economics Editor", "Columnist", "Podcast Host", "Foreign Editor", "Staff Writer"]
OUTLETS: list[tuple[str, str]] = [
    ("The Northern Ledger", "northern-ledger.example"), ("Meridian Weekly", "meridian-weekly.example"),
    ("Global Affairs Review", "global-affairs.example"), ("The Harbour Post", "harbour-post.example"),
    ("Continental Radio", "continental-radio.example"), ("Policy Matters Podcast", "policy-matters.example"),
    ("The Morning Dispatch", "morning-dispatch.example"), ("Capital Markets Daily", "cmd.example"),
    ("Planet and People", "planet-people.example"), ("The Civic Observer", "civic-observer.example"),
    ("Frontier Tech Journal", "frontier-tech.example"), ("The Long Read Hour", "long-read.example"),
    ("Crossroads Television", "crossroads-tv.example"), ("The Evening Standardbearer", "esb.example"),
    ("World Economy Brief", "web-brief.example"), ("Health Horizons", "health-horizons.example"),
    ("Culture Desk", "culture-desk.example"), ("The Field Notes", "field-notes.example"),
    ("Energy Transition Monitor", "etm.example"), ("Sport Today International", "sport-today.example"),
    ("Le Quotidien Ouvert", "quotidien-ouvert.example"), ("Die Wochenfrage", "wochenfrage.example"),
]
EVENTS = [
    "World Economic Outlook Conference", "Global Energy Summit", "Munich Policy Forum",
    "Future of Cities Congress", "International Trade Week", "Climate Action Dialogue",
    "Digital Society Conference", "Open Science Days", "Security and Defence Symposium",
    "Development Finance Forum", "Mobility Expo", "Health Systems Assembly", "Book Fair",
    "Film Festival", "Youth Leadership Summit", "Agriculture and Food Congress",
]
LANGUAGES: list[tuple[str, int]] = [("en", 86), ("fr", 4), ("de", 3), ("es", 3), ("pt", 1), ("ru", 1),
                                    ("ar", 1), ("zh", 1)]
"""Language codes with relative weights: mostly English, as in the service's real data."""

QUESTION_OPENERS = [
    "What do you make of", "How would you describe", "How do you see", "What would you say about",
    "What happens next with", "How close are we to", "What should people understand about",
    "Is it fair to say that", "Who really benefits from", "What worries you most about",
    "How realistic is", "What did you learn from", "Can you walk us through", "What is the main obstacle to",
    "How do you answer critics of", "Where do things stand on", "What would success look like for",
    "How much progress has been made on", "Are you optimistic about", "Why does it matter that",
]
"""Ways interviewers begin a question; prose follows and a question mark ends it."""
