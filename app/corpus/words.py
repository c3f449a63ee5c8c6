"""Common English words for generated prose, as inflection families in rough frequency order.

Kept as a module rather than a data file so it ships with the package (package data lists only
`py.typed`). One family per `;`-separated item: its forms share the family's Zipf weight, so
a stemming search for `report` finds `reports`, `reported` and `reporting` and a plain one does
not. The generator drops any word that is also a topic keyword or rare term, so those keep
the selectivity it promises.
"""

from __future__ import annotations

FAMILIES_TEXT = """
the; of; and; to; a an; in; is are was were be been being; that; it its; for; we our us; on; with;
this these; as; have has had having; not; they their them; by; at; from; but; or; which; will would;
can could; there; more most; all; also; what; so; one; about; if; do does did doing done; you your;
i my me; he his him; she her; who; when; into; some; than; other others; only; new; time times;
very; over; because; how; just; such; many; first; people; way ways; year years; well; now; then;
make makes making made; even; should; may might; must; need needs needed needing;
know knows knew known knowing; think thinks thought thinking; see sees saw seen seeing;
take takes took taken taking; come comes came coming; want wants wanted wanting;
look looks looked looking; use uses used using; find finds found finding; give gives gave given giving;
tell tells told telling; say says said saying; go goes went gone going; get gets got getting;
work works worked working; important importance; between; each; where; after; before; both; those;
through; still; much; own; same; here; why; while; under; again; any; every; never; always; often;
already; yet; however; perhaps; really; quite; rather; less; least; several; few fewer; another;
next; last; long longer; good better best; great greater greatest; high higher highest;
large larger largest; small smaller smallest; little; big bigger biggest; old older; young younger;
right; part parts; place places; case cases; point points; fact facts; problem problems;
question questions; issue issues; system systems; group groups; number numbers; world; state states;
public; national; economic economy economies; political politics politician politicians;
social society societies; policy policies; development develop develops developed developing;
process processes; level levels; area areas; region regions; change changes changed changing;
support supports supported supporting; provide provides provided providing;
include includes included including; continue continues continued continuing;
believe believes believed believing; mean means meant meaning; become becomes became becoming;
show shows showed shown showing; keep keeps kept keeping; begin begins began begun beginning;
seem seems seemed seeming; help helps helped helping; talk talks talked talking;
turn turns turned turning; start starts started starting; bring brings brought bringing;
hold holds held holding; happen happens happened happening; stand stands stood standing;
lose loses lost losing; pay pays paid paying; run runs ran running; move moves moved moving;
live lives lived living; allow allows allowed allowing; lead leads led leading;
understand understands understood understanding; follow follows followed following;
create creates created creating; offer offers offered offering; remember remembers remembered;
consider considers considered considering; expect expects expected expecting;
suggest suggests suggested suggesting; build builds built; agree agrees agreed agreeing;
reach reaches reached reaching; decide decides decided deciding; open opens opened opening;
serve serves served serving; grow grows grew grown growing; remain remains remained remaining;
set sets setting; learn learns learned learning; add adds added adding; spend spends spent spending;
try tries tried trying; ask asks asked asking; feel feels felt feeling; leave leaves left leaving;
put puts putting; call calls called calling; play plays played playing; today; day days;
week weeks; month months; country countries; government governments; company companies; city cities;
market markets; business businesses; service services; program programs programme programmes;
project projects; plan plans planned planning; result results; report reports reported reporting;
member members; party parties; side sides; law laws; example examples; idea ideas; reason reasons;
interest interests interested; experience experiences experienced; effort efforts;
situation situations; condition conditions; approach approaches; opportunity opportunities;
challenge challenges challenging; risk risks risky; goal goals; step steps; task tasks;
term terms; period periods; future; history; moment moments; century centuries; decade decades;
percent percentage; figure figures; rate rates; share shares shared sharing; cost costs costly;
value values valued; price; money; fund funds funded funding; resource resources; capacity;
demand demands demanded; supply supplies supplied; product products; production produce produced;
industry industries industrial; sector sectors; partner partners partnership partnerships;
cooperation cooperate cooperating; relation relations relationship relationships;
dialogue; negotiation negotiations negotiate negotiated; discussion discussions discuss discussed;
conversation conversations; debate debates debated; position positions; view views viewed;
opinion opinions; approach; framework frameworks; strategy strategies strategic;
priority priorities; direction directions; initiative initiatives; measure measures measured;
action actions; activity activities; effect effects; impact impacts; influence influenced;
pressure pressures; crisis crises; conflict conflicts; tension tensions; stability stable;
security secure; safety safe; trust trusted; confidence confident; respect respected;
responsibility responsible; commitment commitments committed; obligation obligations;
standard standards; rule rules; regulation regulations regulate regulated; reform reforms reformed;
institution institutions institutional; organization organizations organisation organisations;
agency agencies; authority authorities; office offices; department departments; committee committees;
board boards; body bodies; community communities; family families; child children; man men;
woman; person persons; citizen citizens; resident residents; worker workers; expert experts;
specialist specialists; colleague colleagues; friend friends; neighbour neighbours neighbouring;
region; border borders; territory territories; land lands; road roads; home homes; house houses;
street streets; village villages; town towns; capital; centre centres central; north northern;
south southern; east eastern; west western; local locally; global globally; foreign;
domestic; external; internal; main mainly; major; key; basic; general generally; specific specifically;
particular particularly; special; certain certainly; clear clearly; real; true truly; possible possibly;
impossible; necessary; likely unlikely; difficult difficulty difficulties; easy easier easily;
hard harder; simple simply; complex complexity; serious seriously; significant significantly;
strong stronger strongest strongly; weak weaker weakness; full fully; whole; entire entirely;
open; free freely; fair fairly; equal equally; direct directly; recent recently; current currently;
early earlier; late later lately; final finally; previous previously; similar similarly;
different difference differences; various variety; common commonly; normal normally; usual usually;
traditional tradition traditions; modern modernization modernisation; practical practice practices;
effective effectively effectiveness; efficient efficiency; successful success succeed succeeded;
positive; negative; active actively; available availability; necessary; sure; ready; able ability;
aware awareness; happy; proud; concerned concern concerns; worried worry worries; afraid;
interesting; important; critical criticism critics criticise criticised; honest honestly;
open openly; frankly; indeed; actually; exactly; probably; especially; almost; nearly; simply;
certainly; obviously; basically; absolutely; definitely; completely; largely; mostly; partly;
slightly; gradually; quickly; slowly; soon; eventually; immediately; together; alone; instead;
otherwise; therefore; thus; although; though; unless; whether; whatever; whenever; wherever;
within; without; against; across; along; among; around; behind; beyond; during; toward towards;
upon; despite; except; including; regarding; concerning; per; via; above; below; outside; inside;
second; third; fourth; half; hundred hundreds; thousand thousands; million millions; billion billions;
two; three; four; five; six; seven; eight; ten; twenty; thirty; fifty; dozen dozens;
answer answers answered answering; explain explains explained explaining; describe describes described;
argue argues argued arguing argument arguments; claim claims claimed; admit admits admitted;
insist insists insisted; recognize recognizes recognized recognise recognised; accept accepts accepted;
reject rejects rejected; refuse refuses refused; deny denies denied; prove proves proved proven;
achieve achieves achieved achievement achievements; improve improves improved improving improvement;
increase increases increased increasing; reduce reduces reduced reducing reduction; rise rises rose risen;
fall falls fell fallen falling; drop drops dropped; double doubled; expand expands expanded expansion;
extend extends extended extension; limit limits limited limiting; prevent prevents prevented prevention;
protect protects protected protection; defend defends defended; promote promotes promoted promotion;
encourage encourages encouraged; attract attracts attracted attractive; produce;
deliver delivers delivered delivery; manage manages managed managing management manager managers;
operate operates operated operating operation operations; organize organized organise organised;
prepare prepares prepared preparing preparation; establish establishes established establishment;
introduce introduces introduced introduction; implement implements implemented implementing implementation;
launch launches launched launching; complete completes completed completion; finish finished;
design designs designed; test tests tested testing; check checks checked; study studies studied;
review reviews reviewed; analyse analysed analysis analyst analysts; assess assessed assessment;
compare compared comparison; measure; count counts counted; estimate estimates estimated;
predict predicted prediction; plan; prepare; choose chooses chose chosen choice choices;
select selected selection; prefer prefers preferred preference; depend depends depended dependence;
rely relies relied; connect connects connected connection connections; link links linked;
join joins joined; unite; divide divided division; separate separated; combine combined combination;
balance balanced; compete competes competing competitive; win wins won winning; fail fails failed failure;
struggle struggles struggled; suffer suffers suffered; face faces faced facing; solve solves solved solution solutions;
fix fixed; handle handled; address addressed addressing; respond responds responded response responses;
react reacted reaction; report; announce announced announcement; publish published publication;
inform informed information; communicate communication communications; explain; mention mentioned;
discuss; consult consulted consultation consultations; advise advised advice adviser advisers;
recommend recommended recommendation recommendations; propose proposes proposed proposal proposals;
request requests requested; demand; require requires required requirement requirements;
need; lack lacks lacked; miss missed missing; wait waits waited waiting; stop stops stopped stopping;
end ends ended ending; close closes closed closing; return returns returned returning;
enter entered; arrive arrived arrival; travel travels travelled traveling; visit visits visited visiting;
stay stays stayed; return; send sends sent sending; receive receives received receiving;
carry carries carried; raise raises raised raising; lift lifted; push pushed; pull pulled;
cut cuts cutting; break breaks broke broken; hit hits; fight fights fought fighting; kill killed;
die died death deaths; save saves saved saving savings; buy buys bought buying; sell sells sold selling;
own owned owner owners ownership; earn earns earned; lose; borrow borrowed; lend; afford;
charge charges charged; sign signs signed signing; appoint appointed appointment;
replace replaced replacement; remove removed; release released; control controls controlled;
govern governed governance; rule; lead; head heads headed; chair chaired; represent represents represented representative representatives;
ensure ensures ensured; guarantee guarantees guaranteed; maintain maintains maintained maintenance;
sustain sustained; strengthen strengthened; develop; transform transformed transformation;
adapt adapted adaptation; adjust adjusted adjustment; shift shifts shifted; focus focuses focused;
target targets targeted; aim aims aimed; intend intended intention; hope hopes hoped hoping;
wish wishes; dream dreams; fear fears feared; doubt doubts doubted; wonder wondered;
imagine imagined; realize realized realise realised; notice noticed; observe observed observation;
watch watched watching; hear hears heard hearing; listen listened listening; read reads reading;
write writes wrote written writing; draw drew drawn; speak speaks spoke speaking speech speeches;
 word words; term; message messages; story stories; news; statement statements;
document documents; paper papers; letter letters; book books; article articles; text texts;
data; evidence; detail details detailed; source sources; record records recorded; list lists listed;
table; chart; map maps; picture pictures; image images; sign; symbol symbols;
truth; lie lies; mistake mistakes; error errors; success; progress; growth;
 advantage advantages; disadvantage; strength strengths; weakness;
chance chances; possibility possibilities; option options; alternative alternatives;
model models; method methods; tool tools; technique techniques; technology technologies technological;
equipment; machine machines; device devices; material materials; product; item items; unit units;
size sizes; scale; amount amounts; volume volumes; quantity; quality; type types; kind kinds;
form forms formed; shape shaped; structure structures structural; pattern patterns; trend trends;
factor factors; element elements; aspect aspects; feature features; sense; nature natural naturally;
reality realistic; truth; meaning; purpose purposes; principle principles; basis; foundation foundations;
condition; circumstance circumstances; context; atmosphere; mood; spirit;
attitude attitudes; behaviour behavior; identity identities; character;
life lives; mind minds; body; heart hearts; hand hands; eye eyes; face; voice voices;
head; name names named; age ages; generation generations; parent parents; mother; father;
son sons; daughter daughters; brother brothers; sister sisters; wife; husband; boy boys; girl girls;
 officer officers; police; lawyer lawyers; official officials;
minister ministers; president presidents presidential; prime; chairman; director directors;
executive executives; chief; secretary; deputy; adviser; spokesman spokeswoman; host hosts hosted;
guest guests; audience audiences; reader readers; viewer viewers; listener listeners; public;
customer customers; client clients; consumer consumers; user users; supplier suppliers;
competitor competitors; rival rivals; ally allies; opponent opponents; enemy enemies;
team teams; staff; crew; network networks; club clubs; association associations;
federation; alliance alliances; coalition coalitions; movement movements; campaign campaigns;
event events; occasion; meeting; conference conferences; forum forums; session sessions;
round rounds; stage stages; phase phases; turn; series; sequence; cycle cycles; wave waves;
beginning; middle; end; edge; top; bottom; front; back; line lines; circle circles;
room rooms; floor floors; door doors; window windows; wall walls; table; seat seats;
building; structure; site sites; location locations; position; spot; field fields; ground;
earth; sky; sea seas; ocean oceans; lake lakes; mountain mountains; valley valleys;
island islands; coast coastal; desert deserts; steppe; weather; season seasons; summer; winter;
spring; autumn; morning; evening; night nights; hour hours; minute minutes; moment;
date dates; deadline deadlines; calendar; schedule scheduled; agenda; timetable;
yesterday; tomorrow; tonight; recently; ago; since; until; once; twice; sometimes; rarely;
usually; mostly; generally; normally; frequently; constantly; regularly; annually; monthly;
daily; weekly; yearly; quarterly; anyway; besides; meanwhile; moreover; furthermore; nevertheless;
nonetheless; likewise; hence; accordingly; consequently; namely; overall; altogether;
honest; open; careful carefully; cautious; optimistic; pessimistic; hopeful; confident;
ambitious ambition ambitions; modest; bold; brave; calm; quiet; busy; tired; angry; sad; glad;
lucky; fortunate fortunately; unfortunately; sadly; hopefully; ideally; naturally; surely;
wrong; correct correctly; accurate accurately; precise precisely; exact; rough roughly;
broad broadly; wide widely; narrow; deep deeply; shallow; heavy heavily; light; fast faster;
slow slower; quick; rapid rapidly; sudden suddenly; steady steadily; sharp sharply; dramatic dramatically;
huge; enormous; tiny; vast; massive; minor; enough; plenty; extra; additional additionally;
further; whole; total totally; complete; single; double; multiple; numerous; various;
rich richer wealth wealthy; poor poorer; cheap cheaper; expensive; valuable; useful; useless;
fine; nice; beautiful; ugly; clean cleaner; dirty; fresh; hot; cold; warm; cool; dry; wet;
white; black; red; blue; yellow; dark; bright; golden; silver; human humans; personal personally;
private privately; individual individuals; collective; mutual; common; shared; joint jointly;
official officially; formal formally; informal; legal legally; illegal; fair; unfair; just;
moral; ethical; technical technically; financial financially;
commercial; industrial; professional professionals; academic; legal; administrative;
 civil civilian civilians; rural;
obvious; apparent apparently; evident evidently; visible; hidden; famous; popular popularity;
familiar; strange; unusual; unique; rare; typical typically; average; ordinary; standard;
minimum; maximum; optimal; primary primarily; secondary; initial initially; original originally;
potential potentially; possible; probable; relevant; appropriate; suitable; adequate; sufficient;
essential essentially; fundamental fundamentally; crucial; vital; urgent urgently; immediate;
permanent permanently; temporary temporarily; constant; stable; flexible flexibility;
independent independently; dependent; reliable reliability; accountable accountability;
 inclusive; comprehensive; consistent consistently; coherent; pragmatic; realistic;
balanced; neutral neutrality; objective objectives; subjective; emotional; rational;
""".strip()
"""The word families; parsed by `common_families`."""


def common_families() -> list[tuple[str, ...]]:
    """Parse the families, skipping placeholders and repeats so each word has one rank."""
    seen: set[str] = set()
    families: list[tuple[str, ...]] = []
    for item in FAMILIES_TEXT.replace("\n", " ").split(";"):
        forms = tuple(form for form in item.split() if form.isalpha() and form not in seen)
        if forms:
            seen.update(forms)
            families.append(forms)
    return families
