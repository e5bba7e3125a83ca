"""Clean, well-sourced articles of every kind a newsroom publishes, written for these tests
in the style of a careful professional (court report, match report, results, explainer,
obituary, weather warning, column, interview, live blog, guide, council story, correction,
brief, review and others). They must score well and draw no finding from the style scorers:
each finding on them would be a false alarm an editor would overrule. Articles that carry no
direct quotation at all (a guide, a review, a product test, a police appeal, a live blog in
reported speech) may be told so (SPC001), and a product test that attributes nothing to
anyone (SPC002); nothing else.
"""

from __future__ import annotations

import pytest

import quality

# Court report.
COURT_TITLE = "Charity finance chief jailed for £612,000 fraud"
COURT = (
    "A former finance director of a Sheffield housing charity has been jailed for four "
    "years and eight months for stealing £612,000 from the organisation over six years.\n"
    "\n"
    "Martin Hollis, 57, of Dore, transferred the money in 214 separate payments to two "
    "bank accounts he controlled, Sheffield Crown Court heard on Thursday. He had pleaded "
    "guilty in March to fraud by abuse of position.\n"
    "\n"
    "The charity, Hallam Homes Trust, provides 380 flats for people leaving hospital or "
    "prison. Prosecutor Dawn Meredith told the court that Hollis disguised the payments "
    "as invoices from a roofing contractor, and kept a letter stating that the firm had "
    "stopped trading in 2016 in a locked drawer.\n"
    "\n"
    '"He was trusted with the finances of an organisation that exists to help the most '
    "vulnerable people in this city, and he used that trust to fund holidays, a boat and "
    'his gambling," Ms Meredith said.\n'
    "\n"
    "The fraud came to light in October 2023, when a new auditor asked to see the "
    "contractor's VAT registration. Hollis resigned two days later.\n"
    "\n"
    "In mitigation, Simon Aird said his client had developed a gambling addiction after "
    'the death of his wife and had repaid £48,000 by selling his house. "He is ashamed, '
    'and he knows that nothing he says now will undo the harm," Mr Aird said.\n'
    "\n"
    'Sentencing him, Judge Caroline Pryce said the offence had been "carefully planned '
    'and persistently carried out". She said the charity had been forced to delay repairs '
    "to 40 flats and to lay off two support workers.\n"
    "\n"
    "A hearing to recover the remaining money under the Proceeds of Crime Act has been "
    "set for 12 September.\n"
    "\n"
    "In a statement, the trust's chief executive, Ayesha Noor, said staff were \"relieved "
    'that this chapter is over" and that new controls meant no single person could now '
    "approve a payment.\n"
)

# Football match report.
SPORT_TITLE = "Harbour fight back to beat Castlebrook"
SPORT = (
    "Harbour Town came from two goals down to beat Castlebrook Athletic 3-2 at the Quay "
    "Ground on Saturday, with Dan Agbaje scoring the winner in the 88th minute.\n"
    "\n"
    "Castlebrook led 2-0 at half-time through a header from Alfie Mayhew after 11 minutes and a "
    "low shot from Karl Andersen just before the break. Harbour's manager, Ritchie "
    "Wells, made two changes at the interval, bringing on Ollie O'Neal and Jordan "
    "Browne.\n"
    "\n"
    "The substitutes changed the game. O'Neal set up Charlie Kelso for a tap-in six "
    "minutes after the restart, and Browne's cross was headed in by Theo Archer on 71 "
    "minutes to level the score.\n"
    "\n"
    "Castlebrook had a penalty appeal turned down when Mayhew went down under a challenge from "
    "Jack Simms, and their goalkeeper, Will Manton, saved well from Kelso with ten "
    "minutes left.\n"
    "\n"
    "Agbaje's winner came from a corner. Manton punched the ball only as far as the edge "
    "of the area, and Agbaje volleyed it in off the underside of the bar.\n"
    "\n"
    '"At half-time I told them we had been too slow, too careful," Wells said. "In the '
    'second half we moved the ball quicker and we got our reward."\n'
    "\n"
    'Castlebrook\'s manager, Nathan Jonas, said his side had "switched off" after the first '
    'goal. "We were comfortable, and you can\'t be comfortable in this league," he said.\n'
    "\n"
    "The win lifts Harbour to seventh in League One, a point outside the play-off places, "
    "before they travel to Wexley on Tuesday. Castlebrook drop to 15th.\n"
    "\n"
    "The attendance was 8,412, including 1,350 away fans.\n"
)

# Company results.
BUSINESS_TITLE = "Brannigans profit rises as evening trade grows"
BUSINESS = (
    "Brannigans said on Tuesday that its profit before tax rose 13.7% to £189.3m last year, "
    "helped by 226 new shops and longer opening hours in the evening.\n"
    "\n"
    "Sales at the bakery chain rose 19.6% to £1.81bn in the 52 weeks to 30 December. "
    "Like-for-like sales in company-managed shops, which strip out the effect of new "
    "openings, were up 13.7%.\n"
    "\n"
    "The company opened 226 shops and closed 81 during the year, ending with 2,473. It "
    "plans to open between 140 and 160 more this year, about half of them in places where "
    "customers drive rather than walk, such as retail parks and motorway services.\n"
    "\n"
    "Helen Marr, the chief executive, said evening trade, after 4pm, now made up 9.1% "
    'of sales, up from 8.2% a year earlier. "Customers are using us for tea as well as '
    'breakfast and lunch," she said. "That is a big opportunity, and we are at the start '
    'of it."\n'
    "\n"
    "Brannigans raised its dividend to 62p a share from 59p and will pay a special dividend "
    "of 40p.\n"
    "\n"
    "Costs rose significantly, the company said. Staff pay went up by an average of 9.2%, "
    "and the company said it expected cost inflation of about 5% this year, mostly from "
    "wages. It has raised prices twice since last spring; the price of a sausage roll in "
    "most shops is now £1.15.\n"
    "\n"
    "Shares in Brannigans rose 3.1% to 2,810p by mid-morning in London. Analysts at Hartwell Securities "
    'said the results were slightly ahead of their forecasts and kept their "buy" '
    "rating.\n"
    "\n"
    "The company said sales in the first nine weeks of this year were up 7.8% on a "
    "like-for-like basis, after a wet February kept some shoppers at home.\n"
)

# Science explainer.
SCIENCE_TITLE = "Why some people get seasick but not carsick"
SCIENCE = (
    "Why do some people get motion sickness on boats but never in cars? A study published "
    "on Wednesday in the journal Balance and Motion suggests part of the answer lies in how "
    "the brain weighs signals from the inner ear against what the eyes report.\n"
    "\n"
    "Researchers at the University of Wessex put 46 volunteers in a cabin that rolled "
    "slowly from side to side, the way a ferry moves in a swell, while they watched a "
    "screen. Half of them saw a fixed horizon; the other half saw only the inside of the "
    "cabin.\n"
    "\n"
    "After 20 minutes, 31 of the 46 said they felt sick, but the difference between the "
    "groups was large: 19 of the 23 who saw only the cabin reported nausea, against 12 of "
    "the 23 who could see the horizon.\n"
    "\n"
    "The team then measured how much each volunteer relied on the inner ear when judging "
    "which way was up. Those who relied on it most were the least likely to feel ill, "
    "regardless of what they could see.\n"
    "\n"
    '"The brain is constantly checking the balance organs against the eyes," said Dr '
    'Helen Marsh, a neuroscientist who led the study. "When the two disagree, some people '
    'are much better at deciding which one to trust."\n'
    "\n"
    "The inner ear holds three fluid-filled canals that sense rotation and two small "
    "organs that sense gravity and acceleration. On a ship the body feels the roll, but "
    "inside a cabin the walls move with you, so the eyes report that nothing is "
    "happening.\n"
    "\n"
    "The study was small, and it tested only one kind of motion. Dr Paul Greaves of "
    "the University of Northmoor, who was not involved in the research, said the results fitted "
    'earlier work but that a rolling cabin in a laboratory was "not the North Sea in '
    'November".\n'
    "\n"
    "The Wessex team is now testing whether a short training task, in which people learn to "
    "rely more on the inner ear, can reduce symptoms. Results are expected next year.\n"
)

# Obituary.
OBITUARY_TITLE = "Peggy Doyle, Whitby landlady who raised £207,000 for lifeboats, dies at 88"
OBITUARY = (
    "Margaret Ellen Doyle, who ran the Crown and Anchor pub in Whitby for 41 years and "
    "raised more than £200,000 for the town's lifeboat station, has died aged 88.\n"
    "\n"
    "Her son, Patrick, said she died on Sunday at a care home in Scarborough after a "
    "short illness.\n"
    "\n"
    "Born in Middlesbrough in 1936, the youngest of five children of a steelworker and a "
    "seamstress, she left school at 14 to work in a bakery. She met her husband, Joe, a "
    "trawlerman, at a dance in Whitby in 1957, and they married the following year.\n"
    "\n"
    "The couple took over the Crown and Anchor on Church Street in 1963. They also spent "
    "20 years fostering children for the county council, 31 in all. Joe died in 1979, and "
    "she ran the pub alone until she retired in 2004, when it was sold to a brewery.\n"
    "\n"
    "The lifeboat collection began after the night of 6 February 1982, when the Whitby "
    "crew went out to a coaster in difficulty and a regular at the pub, the coxswain Bill "
    "Harland, came back with a broken arm. She put a jar on the bar the next day. Over "
    "the next 22 years the jar, and the quiz nights, raffles and sponsored swims it led "
    "to, raised £207,000, according to the Royal National Lifeboat Institution.\n"
    "\n"
    "In 1996 she was appointed MBE for services to the RNLI. She told the Whitby Gazette "
    'at the time that the medal belonged "to every fisherman who ever put a pound in that '
    'jar".\n'
    "\n"
    'Harland, now 81, said she had been "the person the whole harbour went to when '
    'something went wrong". "If you were in trouble, you went to Peggy\'s. She never asked '
    "what you'd done, only what you needed,\" he said.\n"
    "\n"
    "She is survived by her son, two daughters, Anne and Kathleen, seven grandchildren "
    "and four great-grandchildren. The funeral will be held at St Hilda's Church, Whitby, "
    "on 3 May.\n"
)

# Weather warning.
WEATHER_TITLE = "Amber warning for heavy rain in south Wales and south-west England"
WEATHER = (
    "The Met Office has issued an amber warning for heavy rain across parts of south "
    "Wales and the south-west of England from 6pm on Sunday until noon on Monday.\n"
    "\n"
    "Between 50mm and 70mm of rain is expected to fall widely within the warning area, "
    "and up to 100mm on high ground in the Brecon Beacons and on Dartmoor, the forecaster "
    "said. The average rainfall for the whole of October in Cardiff is 135mm.\n"
    "\n"
    "The amber warning covers Cardiff, Swansea, Bridgend, Plymouth and Exeter. A wider "
    "yellow warning for rain covers most of Wales and the south-west from noon on Sunday "
    "until 6pm on Monday.\n"
    "\n"
    "Natural Resources Wales has issued 12 flood alerts, and the Environment Agency has "
    "issued 19 for Devon and Cornwall. Both agencies said flood warnings, which mean "
    "flooding is expected, were likely to follow overnight.\n"
    "\n"
    '"The ground is already saturated after a wet fortnight, so this rain will run off '
    'quickly into rivers," said Dan Hale, a deputy chief meteorologist at the Met '
    'Office. "Homes and businesses near rivers and streams should make plans now, before '
    'the rain arrives."\n'
    "\n"
    "Great Western Railway said it expected disruption on the line between Exeter and "
    "Plymouth at Dawlish, where waves broke over the track during a storm in January, and "
    "advised passengers to check before they travel on Monday morning. Penarth Pier, a "
    "landmark since 1898, will be closed to the public on Sunday evening.\n"
    "\n"
    "Winds will also be strong, gusting to 60mph on exposed coasts. The rain is expected "
    "to clear east by Monday afternoon, with sunshine and showers on Tuesday.\n"
    "\n"
    "Flood updates are published by Natural Resources Wales and the Environment Agency, "
    "and people can call Floodline on 0345 988 1188.\n"
)

# Opinion column.
OPINION_TITLE = "Closing Brook Lane library is a false economy"
OPINION = (
    "The council wants to close Brook Lane library to save £86,000 a year. I think it is "
    "wrong, and not for the reasons you might expect.\n"
    "\n"
    "I do not think libraries are sacred. Some should close. The council has already cut "
    "spending on parks, lighting, cleaning and youth services, and I have not written "
    "about those. The council's budget has fallen by a third in real terms since 2010, "
    "and something has to give. If Brook Lane were empty most days, I would say so.\n"
    "\n"
    "It is not. The council's own figures show 41,000 visits last year, up from 33,000 in "
    "2019. What has fallen is the number of books borrowed: from 52,000 to 29,000. The "
    "council reads that as decline. I read it as a change in what the building is for.\n"
    "\n"
    "Go on a weekday afternoon. You will find pensioners using the computers to renew bus "
    "passes, because the form is only online. You will find children doing homework in "
    "the only warm, quiet room they can get to. You will find a job club on Tuesdays and "
    "a baby group on Thursdays, both free.\n"
    "\n"
    "None of this shows up as a loan. All of it would cost money somewhere else if the "
    "library shut: in the council's own customer service centre, in the schools, in the "
    "Jobcentre.\n"
    "\n"
    "The council says visitors can use the central library instead. That is two buses and "
    "50 minutes from the Brook Lane estate, and a day ticket costs £5.40. For a family on "
    "universal credit, that is not a small sum.\n"
    "\n"
    "There is a better option on the table. The Brook Lane Residents' Association has "
    "offered to run the building with volunteers and one paid member of staff, at about "
    "half the present cost. The council's cabinet paper gives that offer two paragraphs "
    'and rejects it on the grounds of "risk".\n'
    "\n"
    "I would ask the cabinet to look at it again before the vote on 19 June. Closing the "
    "library will save £86,000. Keeping it, in the way residents propose, would save "
    "£43,000 and keep the room open. That seems to me the better deal.\n"
    "\n"
    "Janet Wells is chair of the Brook Lane Residents' Association and a retired head "
    "teacher.\n"
)

# Interview, q: and a: turns.
INTERVIEW_TITLE = "Q&A: the hospital chief who wants to be judged on 12-hour waits"
INTERVIEW = (
    "Dr Amara Okafor became chief executive of Northgate University Hospitals NHS Trust "
    "in January, after eight years running A&E departments in Manchester. She spoke to "
    "Rachel Lowe about waiting times, staffing and the trust's new urgent care centre, "
    "which opens on Monday.\n"
    "\n"
    "Q: Your A&E had one of the longest waits in England last winter. What went wrong?\n"
    "\n"
    "A: We did not have enough beds to move people out of A&E once they had been seen. On "
    "a bad day last January we had 60 patients who were well enough to go home but had "
    "nowhere to go, because the care packages were not there. That backs up everything "
    "behind it.\n"
    "\n"
    "Q: What is different this winter?\n"
    "\n"
    "A: Two things. We have opened 48 beds in a step-down unit at the old Eastfield site, "
    "for patients who need a few days of care before they go home. And we have agreed "
    "with the county council that a social worker will be in the hospital seven days a "
    "week, not five.\n"
    "\n"
    "Q: The urgent care centre opens on Monday. Who is it for?\n"
    "\n"
    "A: People who need to be seen today but do not need an emergency department: a cut "
    "that needs stitches, a sprain, a child with a high temperature. About a third of the "
    "people who came to our A&E last year could have been treated there. It is open from "
    "8am to 10pm, and you can walk in or book through 111.\n"
    "\n"
    "Q: Staff surveys at the trust have been poor. How do you keep nurses?\n"
    "\n"
    "A: By listening, and then doing something. The top complaint was that night shifts "
    "were rostered at a few days' notice. From April, rotas are published six weeks "
    "ahead. It sounds small; it is the thing people raised most.\n"
    "\n"
    "Q: What would you count as success by next spring?\n"
    "\n"
    "A: No patient waiting more than 12 hours in A&E. We had 1,900 such waits last "
    "winter. I would rather be judged on that number than on anything I say today.\n"
)

# Live blog.
LIVEBLOG_TITLE = "Rail strike called off: live updates"
LIVEBLOG = (
    "14:05 BST\n"
    "The transport secretary, Anna Pryor, has confirmed that the strike planned for "
    "Thursday has been called off. She said talks with the Rail Workers' Union would resume at 10am "
    "on Friday at the Acas offices in London.\n"
    "\n"
    "14:12 BST\n"
    "The union's general secretary, Tom Ashe, said the union had suspended the strike \"as "
    'a gesture of good faith" after receiving a revised offer in writing. He said members '
    "would not be balloted on the offer until Friday's talks had finished.\n"
    "\n"
    "14:20 BST\n"
    "Network Rail says trains on Thursday will run to the normal timetable, but some "
    "services early in the morning may still be cancelled because crews had been told not "
    "to report. Passengers are advised to check before travelling.\n"
    "\n"
    "14:31 BST\n"
    "What is in the offer? According to a letter seen by this newspaper, it includes a pay rise "
    "of 5% backdated to April and a further 4.5% from next January, and drops a plan to "
    "close ticket offices at 30 stations.\n"
    "\n"
    "14:45 BST\n"
    "The shadow transport secretary, Paul Denby, said the government had "
    '"caved in at the first sign of trouble". The government said the offer was affordable within '
    "the department's existing budget.\n"
    "\n"
    "15:02 BST\n"
    "Shares in Northline Group, which runs services on several lines affected by the strike, "
    "were up 2.4% in London after the announcement.\n"
    "\n"
    "15:10 BST\n"
    "That is where we will leave our coverage for today. Talks resume at 10am on Friday; "
    "we will bring you the outcome as soon as it is known.\n"
)

# Numbered consumer guide.
GUIDE_TITLE = "Seven checks before you buy a used car"
GUIDE = (
    "Buying a second-hand car this spring? Prices have fallen by about 6% since last "
    "summer, according to the car marketplace Motorlist, but a cheaper car is no bargain if it comes with a "
    "hidden fault. Here are seven checks to make before you pay.\n"
    "\n"
    "1. Check the MOT history\n"
    "\n"
    "Enter the registration number on the GOV.UK MOT history service. It is free and "
    "shows every test since 2005, with the mileage at each one and any advisories. A "
    "mileage that goes down between tests is a warning sign.\n"
    "\n"
    "2. Run a history check\n"
    "\n"
    "For about £10 to £20, services such as HPI and the AA will tell you whether the car "
    "has outstanding finance, has been stolen or was written off by an insurer. If there "
    "is finance on it, the lender, not the seller, may still own it.\n"
    "\n"
    "3. Look at the paperwork\n"
    "\n"
    "Ask for the V5C logbook and check that the name and address match the seller's. "
    "Compare the vehicle identification number on the logbook with the one on the car, "
    "usually at the base of the windscreen.\n"
    "\n"
    "4. See it cold\n"
    "\n"
    "Ask the seller not to run the engine before you arrive. A warm engine can hide "
    "starting problems and smoke on start-up.\n"
    "\n"
    "5. Take a test drive\n"
    "\n"
    "Drive for at least 20 minutes, on a fast road if you can. Listen for knocks over "
    "bumps, check that the car pulls straight when you brake, and make sure every gear "
    "engages smoothly.\n"
    "\n"
    "6. Check the tyres\n"
    "\n"
    "The legal minimum tread depth is 1.6mm. Uneven wear on one edge of a tyre can mean "
    "the wheels are out of line, which may point to an earlier accident.\n"
    "\n"
    "7. Know your rights\n"
    "\n"
    "You have more protection buying from a dealer than from a private seller. Under the "
    "Consumer Rights Act 2015 a dealer's car must be of satisfactory quality and as "
    "described; a private seller only has to describe it accurately. Citizens Advice has "
    "a free helpline on 0808 223 1133.\n"
)

# Planning decision.
COUNCIL_TITLE = "420 homes approved north of Ashby despite 1,100 objections"
COUNCIL = (
    "Plans for 420 homes on farmland north of Ashby were approved by Ashby "
    "District Council on Wednesday, despite 1,100 objections.\n"
    "\n"
    "The council's planning committee voted by seven votes to four to give outline "
    "permission to Ridgeway Homes for the site off Moira Road. The developer "
    "has agreed to pay £3.8m towards a new primary school and £1.2m for improvements to "
    "the junction with the A511.\n"
    "\n"
    "A third of the homes, 140, will be sold or rented as affordable housing.\n"
    "\n"
    "Objectors said the roads could not cope with more traffic and that the town's GP "
    "surgeries were already full. Speaking at the meeting, Sue Hexton, who lives on "
    "Moira Road, said it took her 25 minutes to drive a mile to the town centre at rush "
    'hour. "Adding another 800 cars to that road is not a plan, it is a hope," she said.\n'
    "\n"
    "Councillor Keith Merriman, who chairs the committee, said the council had little "
    "choice. The government has told the district to build 686 homes a year, and the site "
    "was allocated for housing in the council's local plan in 2021. If the committee had "
    "refused permission, he said, the developer would probably have won on appeal, and "
    "the council would have lost the £5m of contributions.\n"
    "\n"
    "The county council, the highway authority, did not object to the plans "
    "after the developer agreed to widen the junction.\n"
    "\n"
    "Councillor Carol Selby, who voted against, said the school money would not build a "
    'school until at least 2028. "Families will move in before there are places for their '
    'children," she said.\n'
    "\n"
    "Ridgeway said work could start next summer, once detailed plans had been approved. "
    "The first homes would be ready in 2026.\n"
)

# Correction notice.
CORRECTION_TITLE = "Correction"
CORRECTION = (
    "Correction: An article on 4 March about the closure of the Riverside swimming pool "
    "said the pool had been losing £400,000 a year. The figure was £40,000. The article "
    "also said the pool opened in 1968; it opened in 1972. We apologise for the errors, "
    "which have been corrected online.\n"
)

# News brief.
BRIEF_TITLE = "Man charged after cyclist seriously injured on A38"
BRIEF = (
    "A 23-year-old man has been charged with dangerous driving after a crash on the A38 "
    "near Lichfield on Friday night in which a cyclist was seriously injured. "
    "Staffordshire Police said the man, from Tamworth, would appear before Cannock "
    "magistrates on 2 April. The cyclist, a 51-year-old woman, remains in hospital in "
    "Birmingham.\n"
)

# Policy announcement.
POLITICS_TITLE = "Bus fare cap to rise to £3"
POLITICS = (
    "The government will cap the cost of a single bus fare in England at £3 until the end "
    "of next year, the chancellor, Ruth Kendal, announced on Wednesday, raising it from "
    "the £2 cap that has been in place since January 2023.\n"
    "\n"
    "The Treasury said the new cap would cost £151m and keep about 300 routes from being "
    "withdrawn. Without it, fares on some rural routes would have risen to more than £6, "
    "according to the Department for Transport.\n"
    "\n"
    "Bus operators had lobbied for the £2 cap to be extended. Some have already cut "
    "evening services, while others have raised fares on routes the cap does not cover. "
    "Graham Vale, chief executive of the Bus Operators' Association, which "
    'represents operators, said the higher cap was "a sensible compromise" that would '
    "protect most services.\n"
    "\n"
    "Campaigners were less pleased. Sian Barrow, of the Fair Fares "
    'Campaign, said a 50% rise in the cap would hit people on low incomes hardest. "For '
    'someone who takes two buses to work, this is an extra £20 a week," she said.\n'
    "\n"
    "The shadow transport secretary, Mark Hendry, who introduced the £2 cap when he was "
    'in government, said the change was "a tax on working people by another name".\n'
    "\n"
    "About 3.4 billion bus journeys were made in England in the year to March, according "
    "to official figures, 2% more than the year before but still 11% fewer than in 2019.\n"
    "\n"
    "The new cap comes into force on 1 January. London, where fares are set by Transport "
    "for London, is not covered; a single fare there is £1.75.\n"
)

# Theatre review.
REVIEW_TITLE = "A Doll's House, Playhouse, Manchester, review"
REVIEW = (
    "There is a moment near the end of the second act of the Playhouse's new "
    "production of A Doll's House when Nora, played by Michelle Fane, stops mid-sentence "
    "and looks at the audience for a long, uncomfortable time. Nobody coughs.\n"
    "\n"
    "It is the best thing in a production that is often very good and occasionally too "
    "pleased with itself.\n"
    "\n"
    "The director, Bryony Shaw, has set Ibsen's 1879 play in a Manchester suburb in "
    "the 1990s, with a mobile phone the size of a brick and a fax machine that plays a "
    "part in the plot. The updating mostly works. Torvald, played by Adam Gill as a "
    "bank manager with a gym habit, is less a Victorian patriarch than a man who has "
    "never been told no, and the change makes him funnier and more frightening.\n"
    "\n"
    "Where it falters is in the second half, when the production keeps stopping to point "
    "at its own ideas. A video of 1990s adverts for washing powder is projected on the "
    "back wall during the tarantella, in case we had missed the point about women and "
    "housework. We had not.\n"
    "\n"
    "Fane is superb throughout. Her Nora is quick, funny and visibly calculating from the "
    "first scene, so the ending feels less like a discovery than a decision she has been "
    "putting off. Gill matches her, and Eric Nzara is a quietly moving Krogstad.\n"
    "\n"
    "The set, by Rosie Ellis, is a revolving living room that turns a few degrees with "
    "each scene until, at the end, the front door faces the back wall.\n"
    "\n"
    "At two hours and 40 minutes with an interval, it is long, and 15 minutes could go. "
    "But it is worth the time for Fane alone.\n"
    "\n"
    "A Doll's House is at the Playhouse, Manchester, until 26 October.\n"
)

# Local election results.
ELECTION_TITLE = "Labour keeps Kirklees as Greens gain Colne Valley"
ELECTION = (
    "Labour kept control of Kirklees Council after Thursday's local elections, winning 12 "
    "of the 23 seats that were contested, the council announced on Friday morning.\n"
    "\n"
    "The party now holds 38 of the council's 69 seats, two more than before the election. "
    "The Conservatives won five seats, the Liberal Democrats three, the Greens two and "
    "independents one.\n"
    "\n"
    "Turnout was 31.4%, down from 33.9% in 2022.\n"
    "\n"
    "In Almondbury, the Liberal Democrats took the seat from the Conservatives by 212 "
    "votes. In Batley East, Labour held the seat with a majority of 1,406. In Colne "
    "Valley, the Greens gained the seat from Labour by 88 votes after two recounts.\n"
    "\n"
    "The count at the John Smith's Stadium in Huddersfield finished shortly after 4am.\n"
    "\n"
    'The leader of the council, Karen Platt, said the result was "a vote of '
    "confidence in the work we have done to balance the budget without closing a single "
    'library". She said Labour would use its majority to press ahead with plans for 1,000 '
    "council homes by 2030.\n"
    "\n"
    'The Conservative group leader, David Hill, said his party had been "swimming against '
    'the national tide" and had done better than expected in the south of the borough.\n'
    "\n"
    "Andrew Cotter, who leads the Green group, said the gain in Colne Valley showed that "
    'voters wanted faster action on bus services and flooding. "People in the valley have '
    'waited long enough," he said.\n'
    "\n"
    "The full results are published on the council's website.\n"
)

# Sentencing of five defendants.
SENTENCING_TITLE = "Five jailed over Liverpool to Carlisle cocaine line"
SENTENCING = (
    "Five men who ran a cocaine supply line from Liverpool to Carlisle have been jailed "
    "for a total of 38 years.\n"
    "\n"
    "Carlisle Crown Court heard that the gang sold about 4kg of cocaine, worth £300,000 "
    "on the street, over 14 months until police raided six addresses in March last year.\n"
    "\n"
    'Police traced the network through a phone number, known to customers as the "Scouse '
    'line", which sent bulk text messages offering drugs to more than 600 people.\n'
    "\n"
    "Anthony Keegan, 34, of Walton, Liverpool, who organised the supply, was jailed for "
    "12 years. Liam Dunne, 29, of Everton, Liverpool, who ran the phone line, was jailed "
    "for nine years. Jordan Mellor, 26, of Harraby, Carlisle, who stored the drugs, was "
    "jailed for seven years.\n"
    "\n"
    "Two couriers, Kyle Parr, 22, and Ryan Toal, 20, both of Kirkby, were jailed for five "
    "years each.\n"
    "\n"
    "All five had admitted conspiracy to supply class A drugs.\n"
    "\n"
    'Judge Nicholas Barker said the gang had brought "misery and violence" to parts of '
    "Carlisle, where two of its customers had been stabbed in a dispute over debts.\n"
    "\n"
    "Det Insp Sarah Meehan, of Cumbria Police, said after the hearing that the "
    "investigation had involved 40 officers and more than 2,000 hours of surveillance. "
    '"This was a business, run for profit, and we have shut it down," she said.\n'
    "\n"
    "A hearing under the Proceeds of Crime Act will take place in January.\n"
)

# Us-style political analysis.
ANALYSIS_TITLE = "Highway bill deadline looms for Senate"
ANALYSIS = (
    "WASHINGTON — When the Senate returns from its August recess next week, Majority "
    "Leader Tom Avery will face a choice that has split his own party: whether to "
    "bring a highway bill to the floor before the deadline on Sept. 30, or let the "
    "program lapse for the first time since 1956.\n"
    "\n"
    "The bill would spend $305 billion over five years on roads, bridges and transit, "
    "about $50 billion more than the current law. The question that has stalled it since "
    "June is how to pay for it. The federal gas tax, which funds most of the program, has "
    "been 18.4 cents a gallon since 1993, and raising it is opposed by most Republicans "
    "and by the White House.\n"
    "\n"
    "Mr. Avery has said he would prefer to fund the bill with cuts elsewhere, but a "
    "proposal from the Senate Finance Committee that would do so has drawn criticism from "
    "conservatives, who say it relies on accounting gimmicks, and from Democrats, who say "
    "it takes money from programs that serve low-income families.\n"
    "\n"
    "In an interview on Tuesday, Senator Joan Castell of California, the senior Democrat "
    "on the Environment and Public Works Committee, said she was willing to accept a "
    "shorter bill if it meant avoiding another temporary extension. Congress has passed "
    '33 such extensions since 2009. "States cannot plan a bridge on a six-month budget," '
    "she said.\n"
    "\n"
    "Governors of both parties have pressed the Senate to act. In a letter sent on "
    "Monday, 28 governors said that uncertainty over federal money had led them to delay "
    "or cancel projects worth $4 billion this year, including the replacement of a bridge "
    "over the Ohio River that carries 160,000 vehicles a day.\n"
    "\n"
    "The House passed its own version in July, a six-year bill paid for in part by "
    "selling oil from the strategic reserve. Its chairman, Representative Bill Strand of "
    'Pennsylvania, said on Wednesday that he was "optimistic but not naïve" about the '
    "chances of reconciling the two versions before the deadline.\n"
    "\n"
    "If no bill passes, the Department of Transportation would stop sending money to the "
    "states on Oct. 1, and about 6,000 projects would be at risk, according to the "
    "department's estimates.\n"
)

# Live blog, timestamped entries.
LIVEBLOG2_TITLE = "Storm Edwin: live updates"
LIVEBLOG2 = (
    "07:02\n"
    "Good morning. Storm Edwin has brought gusts of more than 90mph to parts of Wales "
    "overnight, and about 200,000 homes are without power across Wales and the west of "
    "England, according to the Energy Networks Association.\n"
    "\n"
    "07:15\n"
    "Network Rail says no trains will run in Wales until at least 10am while engineers "
    "check lines for fallen trees. Transport for Wales says replacement buses cannot run "
    "safely while the red warning is in force.\n"
    "\n"
    "07:31\n"
    "The Met Office's red warning for wind covers the coast of Wales and the Bristol "
    "Channel until 11am. A gust of 93mph was recorded at Capel Curig in Snowdonia at 4am, "
    "the Met Office says.\n"
    "\n"
    "07:48\n"
    "Network Rail says a tree has fallen on the line between Cardiff and Newport and the "
    "line will stay closed until at least midday. Great Western Railway says its trains "
    "from London will terminate at Bristol Parkway.\n"
    "\n"
    "08:05\n"
    "Mid Wales Police says a man has died after a tree fell on his car on the A470 near "
    "Rhayader at about 6.30am. The force says the road is closed in both directions.\n"
    "\n"
    "08:22\n"
    "National Grid says engineers have restored power to 41,000 homes since 5am. It says "
    "it expects most homes to be reconnected by Sunday evening but some in rural areas "
    "may wait longer.\n"
    "\n"
    "08:40\n"
    "The Severn Bridge and the Prince of Wales Bridge are both closed, National Highways "
    "says. It says both will reopen once gusts drop below 60mph.\n"
)

# Interview, q. and a. turns.
QA2_TITLE = "Niamh Kearney: 'I did not set out to write about men'"
QA2 = (
    "The novelist Niamh Kearney's fourth book, Open Files, follows two brothers in the "
    "months after their father's death. She spoke to Ciara Byrne in Dublin.\n"
    "\n"
    "Q. Why brothers, after three novels centred on women?\n"
    "\n"
    "A. I did not set out to write about men. I had the younger brother, Ivan, a chess "
    "player, in my head for a long time, and then I realised he needed someone to argue "
    "with.\n"
    "\n"
    "Q. Chess runs through the book. Do you play?\n"
    "\n"
    "A. Badly. I learned as a child and took it up again during the pandemic, like a lot "
    "of people. What interested me was how a game with fixed rules can still feel so "
    "personal.\n"
    "\n"
    "Q. Peter, the older brother, is a barrister. How much research did that take?\n"
    "\n"
    "A. A fair amount. I sat in on hearings at the Four Courts and talked to two "
    "barristers I know. They were very patient with my questions.\n"
    "\n"
    "Q. Your earlier books were adapted for television. Will this one be?\n"
    "\n"
    "A. There have been conversations, but nothing is agreed. I am in no hurry.\n"
    "\n"
    "Q. What are you reading?\n"
    "\n"
    "A. Middlemarch, again. I read it every few years and find something new each time.\n"
    "\n"
    "Open Files is published by Harrow Press at £20.\n"
)

# Police appeal.
APPEAL_TITLE = "Woman, 72, hurt after being hit by van in Taunton"
APPEAL = (
    "Police are appealing for witnesses after a 72-year-old woman was knocked down by a "
    "van in Taunton on Saturday afternoon.\n"
    "\n"
    "The woman was crossing East Reach near the junction with Victoria Street at about "
    "3.15pm when she was hit by a white Ford Transit, Avon and Somerset Police said. She "
    "was taken to Musgrove Park Hospital with injuries to her legs and head, which are "
    "not thought to be life-threatening.\n"
    "\n"
    "The driver stopped at the scene and is helping officers with their inquiries. The "
    "road was closed for three hours. Police said they could not name the driver while "
    "the investigation is ongoing.\n"
    "\n"
    "Anyone who saw the collision, or who has dashcam footage of East Reach between 3pm "
    "and 3.30pm, is asked to call 101 and quote reference 5224081133. Anyone with "
    "information about this incident can also contact Crimestoppers anonymously on 0800 "
    "555 111.\n"
)

# Product test.
PRODUCTS_TITLE = "The best air fryers under £150, tested"
PRODUCTS = (
    "Air fryers have become one of the best-selling kitchen appliances in Britain, with "
    "sales up by more than 3,000% at one retailer, Homestore, since 2021. We tested eight models under "
    "£150 over four weeks, cooking chips, chicken thighs, salmon and frozen spring rolls "
    "in each. These are the three we would buy.\n"
    "\n"
    "Best overall: Norda Dual Zone ND300, £149\n"
    "\n"
    "Two separate drawers, each with 4.75 litres of space, let you cook chips and chicken "
    "at different temperatures and finish them at the same time. It made the crispiest "
    "chips of any model we tested, in 22 minutes. The drawers are dishwasher-safe. It is "
    "large, though: 39cm wide, so measure your worktop first.\n"
    "\n"
    "Best for small kitchens: Tallis Eco T171, £60\n"
    "\n"
    "At 28cm wide, this single-drawer model fits where the Norda will not. Its 4.3-litre "
    "basket cooked enough chips for two in 19 minutes. The controls are simple dials "
    "rather than a touch screen, which some testers preferred. It is noisier than the "
    "others, at 58 decibels.\n"
    "\n"
    "Best budget pick: Selby Aerocook XL, £45\n"
    "\n"
    "The cheapest model we tested cooked chicken thighs evenly in 24 minutes and was the "
    "easiest to clean. Chips were less crisp than in the Norda or the Tallis. The basket's "
    "non-stick coating showed scratches after three weeks of daily use.\n"
    "\n"
    "How we tested\n"
    "\n"
    "Each model cooked the same 500g batch of frozen chips, two chicken thighs and a "
    "salmon fillet. We timed each batch, measured the noise from one metre, and asked "
    "four testers to rate the results without knowing which machine had cooked them. "
    "Prices were checked on 14 October.\n"
)

ARTICLES = {
    "court": (COURT, COURT_TITLE),
    "sport": (SPORT, SPORT_TITLE),
    "business": (BUSINESS, BUSINESS_TITLE),
    "science": (SCIENCE, SCIENCE_TITLE),
    "obituary": (OBITUARY, OBITUARY_TITLE),
    "weather": (WEATHER, WEATHER_TITLE),
    "opinion": (OPINION, OPINION_TITLE),
    "interview": (INTERVIEW, INTERVIEW_TITLE),
    "liveblog": (LIVEBLOG, LIVEBLOG_TITLE),
    "guide": (GUIDE, GUIDE_TITLE),
    "council": (COUNCIL, COUNCIL_TITLE),
    "correction": (CORRECTION, CORRECTION_TITLE),
    "brief": (BRIEF, BRIEF_TITLE),
    "politics": (POLITICS, POLITICS_TITLE),
    "review": (REVIEW, REVIEW_TITLE),
    "election": (ELECTION, ELECTION_TITLE),
    "sentencing": (SENTENCING, SENTENCING_TITLE),
    "analysis": (ANALYSIS, ANALYSIS_TITLE),
    "liveblog2": (LIVEBLOG2, LIVEBLOG2_TITLE),
    "qa2": (QA2, QA2_TITLE),
    "appeal": (APPEAL, APPEAL_TITLE),
    "products": (PRODUCTS, PRODUCTS_TITLE),
}

# The style scorers whose false alarms these articles guard against.
STYLE_PREFIXES = ("FIL", "WRD", "REP", "RDB", "SPC")
# Genres that quote nobody directly, or attribute nothing to anyone, by nature.
NO_DIRECT_QUOTES = {"guide", "review", "products", "appeal", "liveblog2"}
NO_ATTRIBUTION = {"products"}


@pytest.fixture(scope="module")
def reports(pipeline: quality.Pipeline) -> dict[str, quality.Report]:
    return {
        name: pipeline.score(
            text=text, title=title, published="2024-05-02", byline="Staff Reporter"
        )
        for name, (text, title) in ARTICLES.items()
    }


def test_every_kind_of_article_is_covered() -> None:
    assert len(ARTICLES) >= 13


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_a_clean_article_grades_a_or_b(reports: dict[str, quality.Report], name: str) -> None:
    report = reports[name]
    assert report.grade in {"A", "B"}, (report.score, report.explain())
    assert report.score >= 70


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_a_clean_article_draws_no_style_finding(
    reports: dict[str, quality.Report], name: str
) -> None:
    allowed = set()
    if name in NO_DIRECT_QUOTES:
        allowed.add("SPC001")
    if name in NO_ATTRIBUTION:
        allowed.add("SPC002")
    style = [
        (f.rule, f.excerpt)
        for f in reports[name].findings
        if f.rule.startswith(STYLE_PREFIXES) and f.rule not in allowed
    ]
    assert style == []


@pytest.mark.parametrize("name", ["interview", "qa2"])
def test_an_interview_in_questions_and_answers_is_quoted_speech(
    reports: dict[str, quality.Report], name: str
) -> None:
    metrics = reports[name].to_dict()["scorers"]["specificity"]["metrics"]
    assert metrics["quotes_per_100_words"] > 1.0
    assert metrics["reported_statements_per_100_words"] > 1.0
