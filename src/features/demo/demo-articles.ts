/**
 * The demo newsroom's articles: a month of a small reader-funded site in Riverton, a river town with a
 * harbour. Each article's discussion lives beside it in demo-discussions.ts, keyed by slug.
 *
 * Some slugs, headlines and excerpts are named by tests and benchmarks (the featured night-bus story, the
 * council budget, the harbour opinion piece, the library hours): change them together with those tests.
 */

/** Staff by position in DEMO_STAFF (demo-people.ts). */
export const MARIA = 0;
export const TOM = 1;
export const LENA = 2;
export const SAM = 3;
export const PRIYA = 4;
export const RUTH = 5;

/** The demo's images, made at seed time (infographic.ts) and passed in by id. */
export interface DemoImages {
  buses: number;
  budget: number;
}

export interface DemoArticle {
  slug: string;
  headline: string;
  excerpt: string;
  dateline: string;
  section: 'news' | 'opinion';
  /** Indexes into DEMO_STAFF, in byline order. */
  authors: number[];
  tags: string[];
  lead?: number;
  images: number[];
  body: string;
  /** How long before the seed's "now" it was published (hours). Negative: scheduled for later. */
  hoursAgo: number;
  /** A correction published under the article, some hours after the article. */
  correction?: { body: string; hoursAgo: number };
}

export const DEMO_TAGS: ReadonlyArray<readonly [string, string]> = [
  ['transport', 'Transport'],
  ['city-hall', 'City hall'],
  ['budget', 'Budget'],
  ['housing', 'Housing'],
  ['schools', 'Schools'],
  ['business', 'Business'],
  ['weather', 'Weather'],
  ['sports', 'Sports'],
  ['arts', 'Arts'],
  ['investigations', 'Investigations'],
  ['obituaries', 'Obituaries'],
];

/** The featured article (first written, so it has the lowest id): the long discussion lives here. */
export const FEATURED_SLUG = 'night-buses-return-to-the-outer-districts';

export function demoArticles(img: DemoImages): DemoArticle[] {
  return [
    {
      slug: FEATURED_SLUG,
      headline: 'Night buses return to the outer districts after two years',
      excerpt: 'The transport authority restores overnight routes to North, East and the Hills from next month.',
      dateline: 'RIVERTON',
      section: 'news',
      authors: [TOM, MARIA],
      tags: ['transport', 'city-hall'],
      images: [img.buses],
      hoursAgo: 31,
      correction: {
        body: 'An earlier version of this article gave the wrong year for the Hills depot’s opening. It opened in 1987.',
        hoursAgo: 1,
      },
      body: `The city's transport authority will restore overnight bus routes to the outer districts from next month, two years after they were cut to save money.

The decision, approved on Tuesday by four votes to three in the council's transport committee, brings back three routes that shift workers, hospital staff and students had campaigned for since the cuts took effect.

## Three routes, one an hour

From the first Monday of next month, the N2 will run from the Centre to North, the N5 to East and the N7 up to the Hills, each once an hour between midnight and 5 a.m. All three leave from the Market Square stop, where the last daytime buses now end at 11:40 p.m.

![Bar chart of weekly bus departures by district](image:${img.buses})

The chart above shows how unevenly service is spread today: the Centre sees more than eight times as many departures as the Hills, where the last bus leaves at 10:15 p.m. on weekdays.

## Who asked for them

The campaign for the routes began in the car park of St. Anne's hospital, where night-shift nurses started sharing taxis after the cuts. A petition with 3,100 signatures reached the committee in September.

> "People who clean our offices and staff our hospitals at night have been walking home for two years," said councillor Denise Arroyo, who chairs the committee.

Buses will run out of the Hills depot, which opened in 1987 and has stood half empty at night since the cuts. The authority says it can staff the routes with six drivers, four of them already on its payroll.

## What it costs

The authority estimates the routes will cost 1.2 million a year, about 40 cents for every resident of the city. Councillor Paul Henning, who voted against, argued the money would do more good on daytime frequency, which serves far more riders.

The committee agreed to review the routes after a year. If fewer than 40 people ride a route on an average night, it can be cut again.

## What happens next

Timetables will be published a week before the first buses run, on the authority's site and at every stop on the three routes. Fares are the same as by day; monthly passes are valid.`,
    },
    {
      slug: 'council-budget-what-changes-for-schools',
      headline: 'Council budget: what changes for schools, housing and parks',
      excerpt: 'A line-by-line look at the budget passed on Thursday night.',
      dateline: 'RIVERTON',
      section: 'news',
      authors: [MARIA],
      tags: ['budget', 'city-hall'],
      lead: img.budget,
      images: [img.budget],
      hoursAgo: 6 * 24 + 3,
      body: `The council passed its budget at 1:20 a.m. on Friday after a six-hour session, by seven votes to four. It spends 213 million dollars next year, up 3 percent, and raises property tax by 2.5 percent.

![Bar chart of the council budget](image:${img.budget})

Schools receive the largest share, with housing second. Parks lose a fifth of their maintenance budget, the deepest cut in the document.

## Schools: 92 million

The school budget grows by 4 million, most of it to cover the teachers' pay settlement agreed in the spring. The new money does not reach buildings: the repair fund stays at 2.1 million, although the district's own survey lists 9 million of urgent work, starting with the roof of East Primary.

## Housing: 61 million

Housing gets the biggest increase in percentage terms. The council will buy 40 flats on the open market for families on the waiting list, which stands at 1,870 households, and hire two more inspectors for rented homes.

## Parks: 12 million

Parks lose 3 million. The council says mowing will drop from every two weeks to every three, the paddling pool in Beacon Park will open only in July and August, and two of five gardener posts will not be refilled when their holders retire.

> "We have protected what people cannot do without. A park can wait a summer; a roof over a classroom cannot," said finance chair Olu Bankole.

## What did not change

- Bus fares stay where they are for another year.
- The library's budget is flat, though its hours change.
- Council members' allowances are frozen for the third year running.

We will follow how the cuts land over the coming year. If you use Beacon Park or work in a school, tell us what you see.`,
    },
    {
      slug: 'the-harbour-redevelopment-needs-a-second-look',
      headline: 'Opinion: the harbour redevelopment needs a second look',
      excerpt: 'Before the bulldozers arrive, the city should publish the full traffic study.',
      dateline: 'RIVERTON',
      section: 'opinion',
      authors: [RUTH],
      tags: ['housing'],
      images: [],
      hoursAgo: 10 * 24 + 5,
      body: `The harbour plan promises 2,000 homes and a waterfront park on the old container yards. Both are welcome. I spent eleven years in the city's planning office, and I have rarely seen a site that needs new life more.

But the traffic study behind the plan has not been published, and residents deserve to see it before construction begins.

## One road in, one road out

Harbour Road is the only way onto the yards that does not cross the railway. Today it carries about 9,000 vehicles a day. The developer's own summary says the new homes would add 6,500 trips a day, and then says, in a single sentence, that the junction with Quay Street "will operate within capacity".

Perhaps it will. But a summary is not a study. Which hours were counted? Were the lorries for the ferry terminal included? What happens on the days the level crossing on Mill Street is shut?

## What the city should do

- Publish the full traffic study, with its counts and its model, before the planning committee votes.
- Ask an engineer who does not work for the developer to check it.
- Put the second road, over the railway at Tanner's Lane, into the first phase rather than the third.

A second look costs little: a month, perhaps two. A wrong road layout costs decades, and the people who will pay for it are the families who move into those 2,000 homes.

Ruth Adeyemi was a planner for the city of Riverton from 2009 to 2020. She writes a monthly column for The Broadsheet.`,
    },
    {
      slug: 'library-opening-hours-extended',
      headline: 'Central library extends opening hours on weekends',
      excerpt: 'From Saturday the library stays open until 8 p.m., paid for by closing on Monday mornings.',
      dateline: 'RIVERTON',
      section: 'news',
      authors: [PRIYA],
      tags: ['city-hall'],
      images: [],
      hoursAgo: 23 * 24 + 2,
      body: `The central library on Market Square will stay open until 8 p.m. on Saturdays and Sundays from this weekend, three hours later than now.

The change follows a survey last spring in which two thirds of the 1,400 people who answered asked for longer weekend hours. Students preparing for exams and parents who work weekdays were the most likely to ask.

## Where the hours come from

The library's budget is flat this year, so the extra weekend hours are paid for by opening at 1 p.m. instead of 9 a.m. on Mondays, the quietest morning of the week by the library's own door counts.

> "Monday mornings we had eleven people through the door on average. Saturday at five we are asking people to leave," said head librarian Agnes Whitlock.

## What stays the same

- The children's room keeps its hours, 10 a.m. to 6 p.m., every day but Monday.
- The branch libraries in North and East do not change.
- Returns can still be left in the box on Chapel Street at any hour.

The library will count visitors through the winter and report to the council in April.`,
    },
    {
      slug: 'mill-street-bridge-to-close-for-eight-months',
      headline: 'Mill Street bridge to close for eight months of repairs',
      excerpt: 'Engineers found corroded steel under the deck. Drivers face a detour of up to four kilometres.',
      dateline: 'RIVERTON',
      section: 'news',
      authors: [TOM],
      tags: ['transport', 'city-hall'],
      images: [],
      hoursAgo: 20 * 24 + 6,
      body: `The Mill Street bridge, which carries about 14,000 vehicles a day across the Wend, will close to cars and lorries from the second week of January for at least eight months, the city's engineers announced on Monday.

An inspection in October found corrosion in four of the steel beams under the deck, on the side nearest the old mill. The bridge has carried a 7.5-tonne weight limit since then.

## What the repair involves

Crews will take up the road surface, cut out and replace the corroded beams, and waterproof the deck, which was last done in 1994. The work is budgeted at 6.8 million, most of it from a state fund for ageing bridges.

> "We are not closing it because it is about to fall down. We are closing it so that it never gets close," said city engineer Farah Qureshi.

## Getting across

- Pedestrians and cyclists can keep using the bridge on a fenced walkway along the upstream side, except for four weekends when the walkway itself is moved.
- Drivers will be sent over the Wharf Road bridge, a detour of up to four kilometres at peak hours.
- Bus routes 4 and 11 will be diverted the same way; stops on Mill Street itself will not be served.

## Shops on the far side

Traders at the east end of Mill Street fear the closure will cost them the passing trade they depend on. The city says it will put up signs saying the shops are open and will not charge for parking on Mill Street during the works.

The city will hold a drop-in session about the works at the Mill Street community hall next Thursday from 4 to 8 p.m.`,
    },
    {
      slug: 'school-board-votes-to-merge-east-primary',
      headline: 'School board votes to merge East Primary into Hillside from next autumn',
      excerpt: 'After a four-hour meeting and 43 public speakers, the board chose the plan parents had fought hardest.',
      dateline: 'RIVERTON',
      section: 'news',
      authors: [LENA],
      tags: ['schools'],
      images: [],
      hoursAgo: 12 * 24 + 4,
      body: `The Riverton school board voted five to two on Wednesday night to merge East Primary into Hillside Primary from next September, ending 71 years of teaching on the East Primary site.

The vote came after a four-hour meeting in the high-school gym, where 43 people spoke, all but three of them against the merger.

## Why the board chose it

East Primary has 164 pupils in a building meant for 400, and its roof needs about 2 million in repairs that the draft budget before the council does not fund. Hillside, 1.6 kilometres away, has room for both schools after its extension opens in the summer.

The district says the merger will save about 700,000 a year, mostly in heating, caretaking and the cost of running two kitchens.

> "Nobody on this board wanted to close a school. But we cannot ask children to learn under buckets when there are empty classrooms up the hill," said board chair Helen Marsh.

## What parents asked for

Parents from East asked the board for a year's delay and an independent look at the roof. Many spoke about the walk to Hillside, which crosses the ring road at the Foundry junction.

The board agreed to ask the city for a staffed crossing at the junction before the merged school opens, and to run a free bus for pupils who live more than a kilometre from Hillside.

## What happens now

- Teachers at East keep their jobs; the district says every post will move to Hillside.
- Families will get a letter about places and uniforms before the end of January.
- The future of the East Primary site has not been decided. The board said it will not be sold before a public consultation.`,
    },
    {
      slug: 'harlow-hardware-to-close-after-62-years',
      headline: 'Harlow’s Hardware on Chapel Street will close after 62 years',
      excerpt:
        'The family shop that cut keys and sold single screws for three generations shuts its doors at the end of January.',
      dateline: 'RIVERTON',
      section: 'news',
      authors: [PRIYA],
      tags: ['business'],
      images: [],
      hoursAgo: 8 * 24 + 2,
      body: `Harlow's Hardware, the shop on Chapel Street where generations of Riverton residents have bought a single hinge or had a key cut while they waited, will close on January 31 after 62 years.

Owner Martin Harlow, 67, whose grandfather opened the shop in 1962, said the decision came down to rent, a lack of anyone to take over, and the big-box store that opened on the ring road three years ago.

## A rent that doubled

The building changed hands last year. When the lease came up for renewal in October, the new owner asked for 4,200 a month, more than twice the old rent.

> "I could have paid it for a year, maybe. But I would be working for the landlord, and I am too old to do that for nothing," Harlow said.

His daughter, a nurse in the city, did not want to take over the business, and two offers from employees to buy it fell through when the bank would not lend.

## What customers will miss

On Tuesday afternoon the shop was busy with people who had heard the news. Several said they had come to buy something they did not need, just to say goodbye.

Harlow's still sells screws and nails by the piece from wooden drawers, sharpens lawnmower blades and repairs window sashes, services no other shop in town offers.

## The closing sale

Everything in the shop will be sold at 30 percent off from January 2. The wooden drawers themselves are not for sale, Harlow said: they will go to the town museum, which has asked for them.`,
    },
    {
      slug: 'wend-floods-harbour-district-overnight',
      headline: 'The Wend floods the Harbour; 60 homes evacuated',
      excerpt: 'The river rose 2.4 metres in twelve hours and topped the Harbour wall before dawn.',
      dateline: 'RIVERTON',
      section: 'news',
      authors: [SAM, LENA],
      tags: ['weather', 'housing'],
      images: [],
      hoursAgo: 3 * 24 + 7,
      body: `The river Wend broke over the Harbour wall shortly after 3 a.m. on Friday, flooding Quay Street, the lower market and the ground floors of about 60 homes, after two days of heavy rain in the hills upstream.

Nobody was hurt. Firefighters and volunteers from the rowing club took 41 people from their homes by boat between 4 and 7 a.m., most of them from the flats on Quay Street and Ferry Lane.

## Higher than in 2007

The river gauge at the Harbour bridge read 4.9 metres at 6 a.m., 2.4 metres above its level twelve hours earlier and 30 centimetres above the flood of 2007, the last time the wall was topped.

The water began to fall at noon. By Saturday evening it was back below the wall, leaving a layer of mud across the lower market.

## Where people are staying

The city opened the sports hall on Foundry Street as a rest centre on Friday morning. Thirty-four people slept there on Friday night; most of the rest went to family.

> "We had twenty minutes. I took the cat and my mother's photographs, and the water was at the second stair when the boat came," said Amina Rahimi, who has lived on Ferry Lane for eleven years.

## Questions about the wall

The Harbour wall was raised by 40 centimetres after the 2007 flood. A second phase, which would have added a flood gate at the mouth of the Mill stream, was approved in 2016 but never built. The city said on Saturday that it had not been funded.

## How to get help

- The rest centre at the Foundry Street sports hall stays open until at least Wednesday.
- The city will collect flood-damaged furniture from the kerb on Quay Street and Ferry Lane free of charge until the end of the month.
- Residents whose homes were flooded can apply for an emergency grant of up to 500 at the council's front desk or by phone.`,
    },
    {
      slug: 'riverton-high-girls-reach-state-semifinal',
      headline: 'Riverton High girls beat Eastfield on penalties to reach state semifinal',
      excerpt:
        'Goalkeeper Jada Owusu saved two penalties as the Otters reached the last four for the first time since 1998.',
      dateline: 'RIVERTON',
      section: 'news',
      authors: [SAM],
      tags: ['sports', 'schools'],
      images: [],
      hoursAgo: 4 * 24 + 20,
      body: `Riverton High's girls' soccer team will play in the state semifinal for the first time since 1998 after beating Eastfield 4–3 on penalties on Saturday, following a 1–1 draw at Kessler Field.

Goalkeeper Jada Owusu, a junior, saved the second and fifth Eastfield penalties, diving to her left both times, before a crowd of about 900 that stayed on through a cold drizzle.

## The game

Eastfield, last year's regional champions, took the lead in the 23rd minute when a corner was headed in at the far post. Riverton had the better of the second half and equalised in the 61st minute, when senior captain Lucía Ferrer curled a free kick over the wall from 20 metres.

Neither team scored in two periods of extra time. Riverton's fourth taker, freshman Mia Castellano, sent the keeper the wrong way, and Owusu's save on the fifth kick sent the bench onto the field.

> "I watched their penalties on video all week. She went left every time, so I went left," Owusu said afterwards.

## The season so far

- Played 19, won 15, drawn 2, lost 2.
- Ferrer has scored 17 goals, a school record for a single season.
- The team has conceded four goals in its last ten games.

## The semifinal

The Otters play St. Brendan's of Northgate on Saturday at 1 p.m. at the state stadium in Carlow, two hours' drive away. The school's booster club has hired two coaches for supporters; seats can be booked at the school office until Thursday.`,
    },
    {
      slug: 'river-lights-festival-returns-to-the-quays',
      headline: 'River Lights festival returns to the quays with a lantern parade and a smaller budget',
      excerpt:
        'Ten days of music, theatre and light installations, half of them free, after last year’s festival was cancelled for lack of money.',
      dateline: 'RIVERTON',
      section: 'news',
      authors: [PRIYA],
      tags: ['arts'],
      images: [],
      hoursAgo: 14 * 24 + 1,
      body: `The River Lights festival will return to Riverton's quays from January 16 to 25, a year after it was cancelled when its main sponsor withdrew, organisers announced on Thursday.

This year's festival has a budget of 180,000, less than half of what it had in 2023, raised from ticket sales, a state arts grant and about 300 individual donors.

## What is on

Fourteen light installations will line the river between the Harbour bridge and the old mill, switched on from 5 to 10 p.m. every evening and free to visit. Paid events include three concerts in the Corn Exchange and a new play about the 1952 dock strike, written by Riverton playwright Tomás Beltrán.

> "We asked ourselves what the festival is for, and the answer was the walk along the river in the dark with your neighbours. So that is what we kept," said festival director Clara Mendes.

## The lantern parade

The festival closes on Sunday January 25 with the lantern parade, which leaves Beacon Park at 6 p.m. Schools and community groups are building 40 lanterns in workshops at the Corn Exchange; anyone can join the workshops on the two Saturdays before the parade.

## Tickets

- Light installations and the parade are free.
- Concert tickets cost 12 to 25; under-18s pay 5.
- The play runs for six nights; a pay-what-you-can performance is on Tuesday January 20.`,
    },
    {
      slug: 'one-landlord-212-code-violations',
      headline: 'One landlord, 38 buildings, 212 code violations: how Riverton let a rental empire decay',
      excerpt:
        'A Broadsheet investigation found that the city cited the same company 212 times in five years, and collected fines on fewer than one in ten.',
      dateline: 'RIVERTON',
      section: 'news',
      authors: [SAM, LENA],
      tags: ['investigations', 'housing'],
      images: [],
      hoursAgo: 17 * 24 + 8,
      body: `Over five years, Riverton's housing inspectors cited Wendside Property Holdings 212 times for broken heating, mould, exposed wiring and missing smoke alarms in the 38 buildings it owns across the city. The city collected fines on 19 of those citations.

That is the finding of a three-month Broadsheet investigation, based on 1,100 pages of inspection records obtained under the public records law, court filings, and interviews with 27 current and former tenants.

## What we found

- 212 citations between October 2021 and September 2026, more than any other landlord in the city.
- 61 of them were for heating, most in the winter months, in homes where children lived.
- 19 fines were collected, totalling 14,300. The rest were waived, reduced to warnings or never followed up.
- In 44 cases an inspector returned and found the same problem still there.

## The tenants

Dolores Finch has lived in a Wendside flat on Tanner's Lane for nine years. Her bathroom ceiling has been black with mould since 2021, she said, and her younger son was treated for asthma twice last winter.

> "They paint over it. Every time the inspector comes, they paint over it, and a month later it is back," Finch said.

## Why the fines were not collected

The city's housing department said it had two inspectors for about 11,000 rented homes until this year's budget added two more. Former inspectors told The Broadsheet that they were encouraged to close cases once a landlord promised repairs, rather than return to check.

Records show that Wendside's managing director, Graham Pelt, met the head of the housing department four times in 2023. The department says the meetings were about a repair schedule and that Wendside received no special treatment.

## What Wendside says

In a written statement, Wendside said it had spent 2.3 million on repairs since 2020, that many citations concerned damage caused by tenants, and that it "takes its obligations seriously". It did not answer questions about specific buildings.

## What happens next

Council member Denise Arroyo said she would ask for a hearing on the housing department's enforcement in January. We will keep reporting. If you rent from Wendside, or worked as an inspector, we would like to hear from you: our contact page explains how to reach us safely.`,
    },
    {
      slug: 'rosa-delgado-ferry-cafe-dies-at-81',
      headline: 'Rosa Delgado, who fed the Harbour from her ferry café for 40 years, dies at 81',
      excerpt:
        'She opened at 5 a.m. for the dock workers, kept a slate for anyone short of money, and never raised the price of soup past two dollars.',
      dateline: 'RIVERTON',
      section: 'news',
      authors: [PRIYA],
      tags: ['obituaries'],
      images: [],
      hoursAgo: 26 * 24 + 3,
      body: `Rosa Delgado, who ran the Ferry Café at the foot of Quay Street for four decades, died on Sunday at her daughter's home in North. She was 81.

Her daughter, Carmen, said the cause was heart failure.

## A café at the water's edge

Delgado came to Riverton from Galicia in 1966 to work in the fish market, and took over the lease of a shuttered tea room beside the ferry slip in 1979. For the next 40 years the Ferry Café opened at 5 a.m., when the first shift came off the night boats, and closed when the last ferry left.

She cooked everything herself: lentil soup, tortilla, and on Fridays a fish stew that dock workers queued for in the rain. The soup cost two dollars from 2001 until she retired in 2019, and she never raised it.

> "She said the day she charged more for soup than a man earned in ten minutes, she would close. So she closed first," her daughter said.

## The slate

Behind the counter she kept a slate of who owed what. Regulars said she rarely asked for the money, and wiped it clean every New Year's Eve. During the dock strike of 1983 she fed striking workers on credit for eleven weeks.

## Family

She is survived by Carmen, a son, Luis, and five grandchildren. Her husband, Andrés, a ferry engineer, died in 2004.

A memorial will be held at St. Anne's church on Saturday at 11 a.m. The family asks that, instead of flowers, people give to the Harbour food bank, which Delgado supplied with soup every winter after she retired.`,
    },
    {
      slug: 'lantern-parade-road-closures',
      headline: 'Lantern parade: road closures and bus diversions on Sunday evening',
      excerpt: 'Streets between Beacon Park and the quays close from 5 p.m.; routes 4 and 7 run on diversion.',
      dateline: 'RIVERTON',
      section: 'news',
      authors: [TOM],
      tags: ['arts', 'transport'],
      images: [],
      hoursAgo: -2 * 24,
      body: `The River Lights lantern parade leaves Beacon Park at 6 p.m. on Sunday and reaches the quays at about 7:15 p.m. Roads along the route close from 5 p.m. until 8:30 p.m.

## Closed roads

- Park Avenue between Beacon Park and Chapel Street.
- Chapel Street and Market Square.
- Quay Street between the Harbour bridge and the ferry slip.

## Buses

Routes 4 and 7 will run on diversion via Foundry Street from 5 p.m. The Market Square stop will not be served; use the stop on Foundry Street outside the sports hall instead.

## Getting there

The car parks on Chapel Street and Market Square close at 4 p.m. The festival recommends the park-and-ride at the Wharf Road retail park, with free buses every ten minutes from 4:30 p.m.`,
    },
  ];
}
