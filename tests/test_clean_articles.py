"""Clean, well-sourced articles of every kind a newsroom publishes, written for these tests
in the style of a careful professional (court report, match report, results, explainer,
obituary, weather warning, column, interview, live blog, guide, council story, correction,
brief, review, earnings, gadget review, medical study, crime, diplomacy, investigation,
personal essay, press conference, school board, statistics, in British and American style
and others). They must score well and draw no finding from the style scorers: each finding
on them would be a false alarm an editor would overrule. Articles that carry no direct
quotation at all (a guide, a review, a product test, a police appeal, a live blog in
reported speech) may be told so (SPC001), and a product test or an exhibition review that
attributes nothing to anyone (SPC002); nothing else.
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

# Company earnings, American style.
EARNINGS_TITLE = "Corvane shares jump as cloud sales beat forecasts"
EARNINGS = (
    "Shares of Corvane Systems rose 11 percent in after-hours trading on Thursday after "
    "the software company reported third-quarter revenue of $4.62 billion, up 18 "
    "percent from a year earlier and ahead of the $4.48 billion analysts had expected, "
    "according to LSEG data.\n"
    "\n"
    "Net income for the quarter, which ended Sept. 30, was $812 million, or $1.94 a "
    "share, compared with $601 million, or $1.43 a share, a year earlier. Excluding "
    "stock compensation and other items, Corvane earned $2.31 a share, 19 cents above "
    "the consensus estimate.\n"
    "\n"
    "The company's cloud division, which rents computing power and storage to other "
    "businesses, grew 31 percent to $2.07 billion and for the first time made up more "
    "than 40 percent of total sales. Its older business of selling software licenses to "
    "be installed on customers' own servers shrank 6 percent.\n"
    "\n"
    '"Customers who signed up for one product two years ago are now buying three or '
    "four,\" Corvane's chief executive, Dana Whitfield, told analysts on a conference "
    'call. "That is the pattern we built the company around, and this quarter it showed '
    'up in the numbers."\n'
    "\n"
    "Ms. Whitfield said the company had signed 214 contracts worth more than $1 million "
    "a year in the quarter, up from 162 a year earlier. Seven of them were worth more "
    "than $50 million over their full term.\n"
    "\n"
    "The results eased some of the pressure on Corvane after a weak second quarter, "
    "when it missed revenue forecasts for the first time since 2019 and its shares fell "
    "14 percent in a day. The stock had recovered about half of that loss before "
    "Thursday's report.\n"
    "\n"
    "Spending remains heavy. Corvane spent $1.3 billion on data centers and equipment "
    "in the quarter, up from $740 million a year earlier, and its chief financial "
    'officer, Raj Menon, said capital spending for the full year would be "at the top '
    'end" of the $4.5 billion to $5 billion range it gave in February.\n'
    "\n"
    '"We are building ahead of demand, and we know that costs us margin in the short '
    'term," Mr. Menon said. Operating margin fell to 21.4 percent from 23.0 percent.\n'
    "\n"
    "For the fourth quarter, Corvane forecast revenue of $4.85 billion to $4.95 "
    "billion. Analysts had expected $4.79 billion.\n"
    "\n"
    "Keith Oduya, an analyst at Brennan Capital who rates the stock a buy, said the "
    'guidance suggested that demand from large customers had not slowed. "The worry '
    'coming into tonight was that big companies were pausing new projects," he said. '
    '"This says they are not."\n'
    "\n"
    "Corvane, based in Austin, Texas, employs about 38,000 people. It will hold its "
    "annual investor day in New York on Dec. 5.\n"
)

# Technology product review.
GADGET_TITLE = "Halden Fold 2 review: a better hinge, the same battery problem"
GADGET = (
    "The Halden Fold 2 costs £1,599, weighs 241g and opens from a 6.3in phone into an "
    "8in tablet. It is thinner and lighter than last year's model, its hinge no longer "
    "creaks, and the crease down the middle of the inner screen is harder to see. But "
    "after two weeks of daily use, the battery is still the weak point.\n"
    "\n"
    "Design\n"
    "\n"
    "Folded, the phone is 10.8mm thick, 1.3mm thinner than its predecessor and close to "
    "the thickness of two ordinary phones stacked together. The outer screen is now the "
    "same width as a standard phone's, so typing on it no longer feels cramped. The "
    "hinge holds the screen at any angle between about 30 and 150 degrees, which is "
    "useful for video calls with the phone standing on a desk.\n"
    "\n"
    "The phone is rated IPX8, meaning it should survive being dropped in fresh water, "
    "but it has no dust rating. Halden says grit in the hinge is not covered by the "
    "standard warranty.\n"
    "\n"
    "Screens\n"
    "\n"
    "Both screens are bright enough to read in direct sunlight: we measured 1,820 nits "
    "on the inner screen and 2,140 on the outer one. The crease is visible when the "
    "screen is off or at an angle, but we stopped noticing it within a day.\n"
    "\n"
    "Cameras\n"
    "\n"
    "The main camera, a 48-megapixel sensor, takes sharp, natural-looking photos in "
    "daylight and handles low light better than last year's model. The 5x telephoto "
    "lens from the H9 Pro is not here; the Fold 2 has a 2x lens instead, and zoomed "
    "shots beyond that look soft.\n"
    "\n"
    "Battery\n"
    "\n"
    "This is where the Fold 2 falls short. With the inner screen in use for about half "
    "the day, the phone lasted between 13 and 15 hours on a charge in our testing, so "
    "most evenings it needed topping up before bed. In our standard video test, looping "
    "a film at fixed brightness over wifi, it ran for 16 hours 40 minutes, against 22 "
    "hours for the H9. Charging from flat to full took 92 minutes with Halden's 30W "
    "charger, which is sold separately for £25.\n"
    "\n"
    "Software\n"
    "\n"
    "The Fold 2 will get Android updates and security fixes until November 2031, Halden "
    "says. Running two apps side by side on the inner screen works well, and dragging a "
    "photo from one to the other takes a single gesture.\n"
    "\n"
    "Verdict\n"
    "\n"
    "If you want a phone that turns into a small tablet, this is the best one we have "
    "tested, and the improvements to the hinge and the outer screen are real. If you "
    "can wait, or if long battery life matters more to you than a big screen, the £799 "
    "H9 does most of what the Fold 2 does for half the price.\n"
    "\n"
    "Pros: thinner and lighter; better outer screen; seven years of updates.\n"
    "Cons: battery life; no 5x zoom; charger sold separately.\n"
)

# Medical study.
HEALTH_TITLE = "Daily aspirin does not cut dementia risk in over-70s, trial finds"
HEALTH = (
    "Taking a low dose of aspirin every day does not reduce the risk of dementia in "
    "healthy people over 70, according to a study of more than 19,000 people in "
    "Australia and the United States published in the journal Neurology.\n"
    "\n"
    "The research, published on Wednesday, followed participants in the Elda trial for "
    "an average of 6.4 years. Half were given 100mg of aspirin a day and half a "
    "placebo. By the end, 575 people had been diagnosed with dementia: 3.5% of the "
    "aspirin group and 3.4% of the placebo group, a difference small enough to be "
    "explained by chance.\n"
    "\n"
    "Aspirin thins the blood, and the trial was designed in part to test whether it "
    "might protect the brain by preventing the small strokes that can damage it over "
    "time. Earlier studies that compared people who happened to take aspirin with those "
    "who did not had suggested a benefit, but such studies cannot rule out that aspirin "
    "users were healthier in other ways.\n"
    "\n"
    '"This was the right kind of trial to answer the question, and the answer is no," '
    "said Professor Joanna Reilly, an epidemiologist at Monash University in Melbourne "
    "and the study's lead author. \"For an older person without heart disease, there is "
    'no reason to start taking aspirin in the hope of preventing dementia."\n'
    "\n"
    "The researchers also found no difference between the groups in mild cognitive "
    "impairment, a decline in memory and thinking that does not yet interfere with "
    "daily life, or in scores on four tests of memory and attention given every two "
    "years.\n"
    "\n"
    "The Elda trial has already shown that daily aspirin does not help healthy older "
    "people live longer or avoid disability, and that it raises the risk of serious "
    "bleeding. In the main results, published in 2018, major bleeding occurred in 3.8% "
    "of those taking aspirin and 2.8% of those on placebo.\n"
    "\n"
    "Dr Helen Marsh, director of research at the charity Dementia Research Trust, who "
    "was not involved in the study, said it was well designed and large enough to be "
    "trusted. She noted that the participants were followed for only six years, and "
    'that dementia can develop over decades. "It may be that aspirin taken from middle '
    'age would have a different effect, but this trial cannot tell us that," she said.\n'
    "\n"
    "The findings do not apply to people who have already had a heart attack or stroke, "
    "for whom aspirin is often prescribed to prevent another. The NHS advises anyone "
    "taking aspirin on a doctor's advice not to stop without speaking to their GP "
    "first.\n"
    "\n"
    "The trial was funded by the US National Institutes of Health and Australia's "
    "National Health and Medical Research Council. Bayer supplied the aspirin and "
    "placebo tablets but had no role in the analysis.\n"
)

# Crime report with police statements, American style.
CRIME_TITLE = "Two charged in string of catalytic converter thefts across three counties"
CRIME = (
    "Two men have been charged in connection with the theft of 63 catalytic converters "
    "from vehicles in Polk, Marion and Yamhill counties over five months, the Oregon "
    "State Police said Thursday.\n"
    "\n"
    "Travis Lyle Bergman, 34, of Salem, and Eduardo Ruiz-Campos, 29, of Woodburn, were "
    "arrested Tuesday after troopers stopped a pickup truck on Interstate 5 near Brooks "
    "and found a battery-powered saw, two jacks and four converters in the bed, "
    "according to a probable cause affidavit filed in Marion County Circuit Court.\n"
    "\n"
    "Both men were charged with first-degree theft, criminal mischief and possession of "
    "burglary tools. Bergman was also charged with being a felon in possession of a "
    "firearm after troopers found a handgun under the driver's seat, the affidavit "
    "says. They were being held in the Marion County jail on Thursday, Bergman on "
    "$250,000 bail and Ruiz-Campos on $100,000.\n"
    "\n"
    "Lt. Sara Ochoa, a state police spokeswoman, said investigators linked the men to "
    "the thefts through cellphone location records, surveillance video from two church "
    "parking lots and sales records from a scrap yard in Portland.\n"
    "\n"
    '"These are not victimless crimes," Ochoa said at a news conference in Salem. "We '
    "heard from a school district that had eight buses off the road for a week, and "
    "from a nurse who missed two shifts because she couldn't get to work.\"\n"
    "\n"
    "Catalytic converters, which reduce harmful exhaust, contain small amounts of "
    "platinum, palladium and rhodium. A single converter can sell for $300 to $1,500 at "
    "a scrap yard, investigators said, while replacing one can cost a vehicle owner "
    "more than $2,000.\n"
    "\n"
    "Among the vehicles targeted were 11 buses belonging to the Central School District "
    "in Independence and nine vans owned by a Salem food bank, Marion-Polk Food Share. "
    "Rick Gaupo, the food bank's president, said the thefts had cost it about $28,000 "
    'in repairs and rentals. "That is money that should have bought food," he said.\n'
    "\n"
    "The scrap yard has not been charged. A lawyer for the business, Mark Hessler, said "
    'it had cooperated with investigators and had "followed every rule in the book" on '
    "recording sales.\n"
    "\n"
    "Oregon passed a law in 2022 that makes it illegal for scrap dealers to buy a "
    "catalytic converter from anyone other than a commercial seller or the vehicle's "
    "owner. Ochoa said the number of thefts reported to police in the state had fallen "
    "by about a third since the law took effect, to 2,840 last year.\n"
    "\n"
    "The public defender's office, which is representing Ruiz-Campos, declined to "
    "comment. It was not clear whether Bergman had a lawyer. Both men are due in court "
    "on Feb. 20.\n"
)

# International, diplomatic story.
DIPLOMACY_TITLE = "Japan and South Korea agree to resume shuttle diplomacy after 12-year gap"
DIPLOMACY = (
    "TOKYO — The leaders of Japan and South Korea agreed on Thursday to resume regular "
    "visits between their capitals, ending a 12-year pause in what the two governments "
    "call shuttle diplomacy and setting aside, for now, a dispute over wartime labour "
    "that has soured relations for years.\n"
    "\n"
    "The agreement came during the first bilateral visit to Tokyo by a South Korean "
    "president since 2011. After talks lasting about 80 minutes, Prime Minister Kenji "
    "Harada and President Yoon Min-ho said their governments would restart a security "
    "dialogue suspended in 2018 and that Japan would lift export controls on three "
    "chemicals used to make computer chips.\n"
    "\n"
    "South Korea, in turn, said it would withdraw a complaint it had filed against "
    "those controls at the World Trade Organization in 2019.\n"
    "\n"
    '"We have agreed to open a new chapter," Mr Harada said at a joint news conference. '
    '"Our two countries face the same threats, and we cannot afford to face them '
    'separately."\n'
    "\n"
    "The visit follows a decision by Seoul this month to compensate Koreans forced to "
    "work for Japanese companies during Japan's 1910-45 colonial rule through a fund "
    "paid for by South Korean businesses, rather than by the Japanese firms that South "
    "Korea's Supreme Court ordered to pay in 2018. Japan has long said that all claims "
    "from the colonial period were settled by a 1965 treaty that restored diplomatic "
    "ties.\n"
    "\n"
    "The compensation plan is unpopular in South Korea. In a Gallup Korea poll "
    "published on 10 March, 59% of respondents opposed it and 35% supported it. Three "
    "of the 15 surviving plaintiffs have said they will refuse the money.\n"
    "\n"
    "Asked whether Japan would contribute to the fund, Mr Harada said the government's "
    'position on the 1965 treaty had not changed. He said Japan "upholds the position '
    'of previous cabinets", which have expressed "deep remorse" for colonial rule, but '
    "he did not offer a new apology.\n"
    "\n"
    'Mr Yoon told reporters that he had made the decision "for the future of our '
    'people" and that he expected Japan to respond "in good faith". His office said '
    "Japanese companies, including the two named in the 2018 rulings, were free to "
    "contribute voluntarily to a separate scholarship fund.\n"
    "\n"
    "Lee Jae-sung, a lawyer for several of the plaintiffs, said they had not been "
    'consulted. "The victims asked for an apology from the companies that used them," '
    'he said. "They have been given money from someone else."\n'
    "\n"
    "The United States, which has pressed its two closest allies in Asia to work "
    "together against North Korea, welcomed the agreement. The US ambassador to Japan, "
    'Thomas Reid, said in a statement that the two leaders had shown "courage and '
    'vision".\n'
    "\n"
    "Hours before Mr Yoon's plane landed in Tokyo, North Korea fired an "
    "intercontinental ballistic missile that fell into the sea west of Hokkaido, "
    "according to Japan's defence ministry. It was the fourth launch by the North this "
    "month.\n"
    "\n"
    "Mr Harada is expected to visit Seoul before the G7 summit in Hiroshima in May.\n"
)

# Election results with many figures, American style.
RESULTS_US_TITLE = "Delgado wins Arizona Senate seat by 2.1 points as turnout falls"
RESULTS_US = (
    "Democrat Marisol Delgado won Arizona's open Senate seat, defeating Republican "
    "Grant Whitlock by about 61,000 votes, according to results released Thursday night "
    "by the Arizona secretary of state's office, with more than 98 percent of ballots "
    "counted.\n"
    "\n"
    "Delgado had 1,512,440 votes, or 50.3 percent, to Whitlock's 1,451,207, or 48.2 "
    "percent. The Green Party candidate, Howard Lim, received 44,912 votes, or 1.5 "
    "percent. The Associated Press called the race for Delgado at 9:14 p.m. local time, "
    "two days after polls closed.\n"
    "\n"
    "The result keeps the seat, held since 2019 by Democrat Ellen Sato, who retired, in "
    "Democratic hands.\n"
    "\n"
    "Turnout fell to 74.6 percent of registered voters from 79.9 percent four years "
    "ago, according to the secretary of state's figures, with the steepest drops in "
    "Pima County, home to Tucson, and in the rural counties along the border with "
    "Mexico.\n"
    "\n"
    "Delgado won Maricopa County, which includes Phoenix and casts about 60 percent of "
    "the state's votes, by 3.8 points, 51.1 percent to 47.3 percent. Four years ago the "
    "Democratic Senate candidate carried it by 2.2 points. Whitlock won 11 of the "
    "state's 15 counties, including Yavapai by 29 points and Mohave by 51, but his "
    "margins in both were smaller than those of Republican candidates in 2020.\n"
    "\n"
    '"Arizona voters told us they want someone who will show up for them, not for a '
    'party," Delgado told supporters at a hotel in Phoenix. "I intend to do exactly '
    'that."\n'
    "\n"
    "Whitlock, a former sheriff of Pinal County, conceded in a statement on Friday "
    'morning. He congratulated Delgado and said he would "respect the results," though '
    "he added that the state needed to count ballots faster. Arizona was the last state "
    "with a competitive Senate race to be called.\n"
    "\n"
    "Delgado, 46, a former prosecutor and two-term member of the House, ran on lowering "
    "housing and water costs and on border security. Whitlock focused on immigration "
    "and inflation, and was endorsed by the state Republican Party in March.\n"
    "\n"
    "Spending in the race reached $191 million, according to the nonpartisan research "
    "group OpenSecrets, making it the fourth most expensive Senate contest of the "
    "year.\n"
    "\n"
    "At the top of the ballot, the presidential race in Arizona remained too close to "
    "call on Friday, with a margin of about 0.4 percentage points. About 36,000 ballots "
    "remained to be counted, most of them in Maricopa County, according to the "
    "secretary of state's office, and counties have until Nov. 21 to certify their "
    "results.\n"
)

# Art exhibition review.
EXHIBITION_TITLE = "Gwen John: Art and Life, National Museum Cardiff, review"
EXHIBITION = (
    "Gwen John painted the same few subjects again and again: a woman in a chair, a "
    "cat, a corner of her attic room in Paris, a nun. Seen singly, her pictures can "
    "look modest. Seen together, as in this exhibition of about 200 paintings and "
    "drawings, they make an argument about how to look.\n"
    "\n"
    "The show, the largest of her work in Wales for 40 years, is arranged by theme "
    "rather than date. The first room holds self-portraits from the late 1890s, painted "
    "while she was a student at the Slade in London and overshadowed by her brother, "
    "Augustus, then the more famous painter. In the best, from 1902, she stands with "
    "one hand on her hip and stares out, more sure of herself than anyone around her.\n"
    "\n"
    "The second room, given to the interiors she painted after moving to Paris in 1904, "
    "is the heart of the exhibition. Small canvases of an empty wicker chair by a "
    "window, or a table with a teapot and an open book, hang at eye level, well spaced, "
    "so that visitors stand close to each. Grey and brown paint goes on in thin, dry, "
    "chalky layers, and the light seems to come from inside it.\n"
    "\n"
    "The curators have also brought together, for the first time, 11 portraits of Mère "
    "Marie Poussepin, founder of a local order of nuns, commissioned from John in the "
    "1910s and painted from a prayer card. Hung in a row, with small changes in the "
    "tilt of a head or the fall of a veil, they come closer than anything else she made "
    "to a Monet series.\n"
    "\n"
    "Less successful is the final room, which tries to place John among women artists "
    "of her generation, with loans of work by Vanessa Bell and Paula Modersohn-Becker. "
    "The comparisons interest, but the room is crowded, and long wall texts do work the "
    "pictures should do.\n"
    "\n"
    "The drawings, in two long cases, show how fast John could work when she chose. Her "
    "studies of cats, a few lines of pencil and wash, are funnier than anything on the "
    "walls.\n"
    "\n"
    "Gwen John: Art and Life runs at National Museum Cardiff until 29 September. "
    "Tickets cost £12; under-18s go free.\n"
    "\n"
    "★★★★☆\n"
)

# Investigation built on documents.
INVESTIGATION_TITLE = "Care home chain kept staff numbers below its own safety level, records show"
INVESTIGATION = (
    "A care home company that runs 31 homes in the north of England regularly staffed "
    "its night shifts below the level its own managers had set as safe, according to "
    "internal rotas, emails and inspection reports obtained by this newspaper.\n"
    "\n"
    "The documents, covering 18 months from January 2023 to June 2024, show that at "
    "nine homes run by Willowmere Care, fewer than the planned number of care workers "
    "were on duty on at least one night in four. At its largest home, Ashgrove House in "
    "Bradford, which has 84 beds, the rotas show two care workers on duty for the whole "
    "building on 46 nights, against a minimum of four set out in the company's own "
    "staffing policy.\n"
    "\n"
    "The staffing policy, dated March 2022 and signed by the company's operations "
    'director, says that "no unit of more than 20 residents should be covered by a '
    'single carer overnight". The rotas show that the rule was broken at Ashgrove House '
    "on 112 nights.\n"
    "\n"
    "In an email sent in May 2023 to the home's manager, a regional director wrote that "
    'agency staff should be used "only where absolutely unavoidable" because the home '
    'was "£38k over budget on agency for the quarter". The manager replied the same day '
    'that she had "no way to cover nights safely without agency" and asked for the '
    "request to be passed to the board. There is no record in the documents that it "
    "was.\n"
    "\n"
    "Three former care workers at Ashgrove House, who did not want to be named because "
    "they feared it would affect their chances of finding work in other homes, "
    "described nights on which residents who needed two people to move them were left "
    "in bed or in chairs until the morning shift arrived. One of them said she had once "
    "been responsible for 41 residents on two floors.\n"
    "\n"
    "Their accounts match findings by the Care Quality Commission, which rated Ashgrove "
    'House "inadequate" after an unannounced inspection in February. The inspectors\' '
    'report said there were "not enough suitably qualified staff deployed at night to '
    "meet people's needs\" and recorded that call bells had gone unanswered for up to 27 "
    "minutes.\n"
    "\n"
    "Accounts filed at Companies House show that Willowmere Care made an operating "
    "profit of £11.2m in the year to March 2024 on revenue of £148m. It paid £6.4m in "
    "interest to its parent company, Willowmere Holdings, which is registered in "
    "Jersey.\n"
    "\n"
    'In a statement, Willowmere Care said it "does not recognise" the picture painted '
    'by the former workers. It said the rotas "do not capture staff who moved between '
    'units during a shift" and that staffing at all of its homes had been reviewed '
    "since February. It did not answer questions about the May 2023 email.\n"
    "\n"
    "Councillor Ruth Akram, who leads on adult social care at Bradford Council, which "
    "pays for 52 of the beds at Ashgrove House, said the council had suspended new "
    'placements at the home in March and would "look closely" at the documents. '
    '"Families need to know that the level of care they are told about is the level '
    'their relatives get," she said.\n'
    "\n"
    "The Care Quality Commission said it would return to Ashgrove House within six "
    "months of its last inspection, as it does for all homes rated inadequate.\n"
)

# Explainer with headings.
EXPLAINER_TITLE = "What the new rules on cancelled flights mean for you"
EXPLAINER = (
    "New rules on compensation for cancelled and delayed flights take effect in the UK "
    "on 1 May. They change how much airlines must pay, how quickly, and what counts as "
    "an excuse. Here is how they work.\n"
    "\n"
    "Who is covered?\n"
    "\n"
    "The rules apply to any flight that departs from a UK airport, whichever airline "
    "operates it, and to flights into the UK on a UK or EU airline. A flight from New "
    "York to London on an American airline is not covered.\n"
    "\n"
    "How much can I claim?\n"
    "\n"
    "Compensation now depends on how late you arrive, not on the distance of the flight "
    "alone. For a domestic flight, an airline must pay £60 if you arrive more than "
    "three hours late, £130 if you are more than six hours late, and £220 if you are "
    "more than nine hours late. For the longest flights, of more than 3,500km, the "
    "amounts rise to £520 after nine hours' delay.\n"
    "\n"
    "Under the old rules, passengers on a long-haul flight could claim £520 after a "
    "delay of four hours. The Department for Transport estimates that about 40% of "
    "passengers who would have been paid under the old rules will get less under the "
    "new ones, and about 15% will get more.\n"
    "\n"
    "What about cancellations?\n"
    "\n"
    "If your flight is cancelled less than 14 days before departure, the airline must "
    "offer you a refund or a new flight, and pay compensation based on how late you "
    "eventually arrive. If it gives you more than 14 days' notice, it owes you a refund "
    "or rebooking but no compensation.\n"
    "\n"
    "When does the airline not have to pay?\n"
    "\n"
    "An airline does not have to pay compensation if the delay was caused by "
    '"extraordinary circumstances". The new rules list them: severe weather, air '
    "traffic control restrictions, security alerts, strikes by staff who do not work "
    "for the airline, and bird strikes. Technical faults with the aircraft are not on "
    "the list, so airlines must now pay for them, which the courts had already decided "
    "in most cases.\n"
    "\n"
    "How quickly must I be paid?\n"
    "\n"
    "Airlines have 28 days from receiving a claim to pay it or explain in writing why "
    "they will not. If they miss the deadline, you can take the complaint to the Civil "
    "Aviation Authority's approved dispute service free of charge.\n"
    "\n"
    "What do airlines say?\n"
    "\n"
    'Airlines UK, which represents British carriers, said the rules would "bring '
    'clarity" but warned that the list of extraordinary circumstances was too narrow. '
    'Its chief executive, Tom Aldridge, said the costs would "ultimately be reflected '
    'in fares".\n'
    "\n"
    "The consumer group Which? said the 28-day deadline would help passengers, who in "
    "its survey of 2,000 travellers last year reported waiting an average of 11 weeks "
    "for payment. Rosa Conde, its director of policy, said the lower amounts for delays "
    'of three to six hours were "a step backwards".\n'
    "\n"
    "How do I claim?\n"
    "\n"
    "Claim directly from the airline, in writing, with your booking reference, flight "
    "number and the time you arrived. Keep receipts for meals, hotels and transport, "
    "which the airline must cover while you wait, on top of any compensation. You do "
    "not need to use a claims company, which will typically keep 25% to 35% of any "
    "payment.\n"
)

# Personal essay.
ESSAY_TITLE = "My father's allotment, and the year I took it over"
ESSAY = (
    "For 31 years my father kept plot 17 at the Chilwell Road allotments in Beeston. He "
    "grew leeks, potatoes, runner beans and, for reasons he never gave, a single row of "
    "sweet williams along the path. When he died last January, the allotment committee "
    "wrote to ask whether the family wanted to keep the plot. I said yes before "
    "thinking about what that meant.\n"
    "\n"
    "I had never grown anything. As a child I was sent along on Saturday mornings and "
    "spent most of them in the shed, reading comics and eating the biscuits he kept in "
    "a tin on the shelf. I knew the smell of creosote and the sound of rain on the roof "
    "better than which end of a seed potato goes in the ground.\n"
    "\n"
    "The first lesson: an allotment does not wait. By April, couch grass had come up "
    "through the beds he dug the autumn before, and the neighbours on plot 16, a "
    "retired bus driver called Stan and his wife, Maureen, had begun looking over the "
    "fence with what I took for pity. Stan lent me a fork and showed me how to lift the "
    'roots out whole rather than snapping them. "Every bit you leave is a new plant," '
    'he said. "Your dad used to say that too."\n'
    "\n"
    "In May I found my father's notebooks in the shed, inside the biscuit tin. There "
    "were 23, one for each year from 2000, in small, square handwriting: what he "
    "planted and when, the weather, which varieties failed. In 2012, a wet year, he "
    'wrote only "Blight. All of it." In 2018 he noted good beans, and that my daughter, '
    "then four, had eaten six raw.\n"
    "\n"
    "I followed the notebooks like a recipe. Potatoes went in on his dates, leeks in "
    "his bed by the water butt. Some of it worked. The runner beans climbed canes I had "
    "tied badly and cropped more than we could eat. The leeks came up thin, and slugs "
    "took half the lettuces.\n"
    "\n"
    "The surprise was the company. On summer evenings the allotments fill with people I "
    "would never otherwise have met: a Polish couple who grow garlic the size of a "
    "fist, a teacher who keeps bees, two students who have turned their plot into a "
    "meadow. Most knew my father. Maureen told me stories I had never heard, including "
    "how he once chased a marrow thief down Chilwell Road with a hoe.\n"
    "\n"
    "In October I dug the last potatoes and wrote, in a new notebook, what I had done. "
    "It is a short list. This year I planted the sweet williams again, along the path. "
    "I still do not know why he grew them, and I have stopped needing to know.\n"
)

# Press-conference story, many quotes.
PRESSER_TITLE = "Police chief says force will release bodycam video within 30 days"
PRESSER = (
    "The Riverside Police Department will publish body camera footage of serious "
    "incidents within 30 days, its chief said on Thursday, as she answered questions "
    "for the first time about the fatal shooting of a man in a parking lot on the "
    "city's east side last month.\n"
    "\n"
    "Chief Angela Moreno announced the policy at a news conference at police "
    "headquarters, where she was joined by Mayor Carl Benning and the president of the "
    "local branch of the NAACP, the Rev. Darnell Hayes.\n"
    "\n"
    '"People in this city have told us, loudly and clearly, that they do not trust what '
    'they cannot see," Moreno said. "Starting today, when an officer fires a weapon, or '
    "when someone is seriously hurt in our custody, we will release the video within 30 "
    'days, unless a judge tells us we cannot."\n'
    "\n"
    "Under the previous policy, adopted in 2016, the department released footage only "
    "after prosecutors had decided whether to bring charges, a process that took an "
    "average of 11 months, according to figures the department released on Thursday.\n"
    "\n"
    "Moreno was repeatedly asked about the shooting of Marcus Dean, 27, who was killed "
    "by an officer on June 14 after what police have described as a struggle over a "
    "gun. Dean's family has said he was unarmed.\n"
    "\n"
    '"I have watched the video. I am not going to describe it to you, because the '
    'family should see it before you do," Moreno said. "They will see it next week, and '
    'then you will."\n'
    "\n"
    "Asked whether the officer involved, who has not been named, was still on duty, "
    "Moreno said he had been placed on paid administrative leave, as required by "
    "department policy. She declined to say how many years he had served.\n"
    "\n"
    "Benning said the city council would vote on July 23 on whether to make the 30-day "
    'rule part of city law, so that a future chief could not reverse it. "A policy can '
    'be changed by the next person in the chair," he said. "An ordinance cannot be '
    'changed so easily."\n'
    "\n"
    'Hayes, who said he had campaigned for the change since 2020, called it "a real '
    'step" but said it would mean little if the footage was edited. "We want the whole '
    'tape, not the thirty seconds that make the officer look good," he said.\n'
    "\n"
    "Moreno said the department would release the full recording from every camera "
    'present, with only faces of bystanders and minors blurred. "If we blur anything '
    'else, we will say what and why," she said.\n'
    "\n"
    "Dean's family has hired a civil rights lawyer, Alicia Ferrante, who said in a "
    "statement after the news conference that the family welcomed the policy but was "
    '"still waiting for the truth about Marcus."\n'
    "\n"
    "The county prosecutor's office is reviewing the shooting. A spokesman for the "
    "office, Paul Whitley, said no decision on charges was expected before September.\n"
)

# School board meeting, American style.
SCHOOLBOARD_TITLE = "School board votes 5-2 to close two elementary schools"
SCHOOLBOARD = (
    "The Lakeview Unified School District board voted 5-2 on Tuesday night to close two "
    "elementary schools at the end of the school year, after more than four hours of "
    "public comment from parents, teachers and students who packed the district "
    "office.\n"
    "\n"
    "Harmon Elementary and Pine Street Elementary, which together enroll 412 students, "
    "will close in June. Their students will move to three nearby schools in the fall, "
    "and the district will sell or lease the two buildings.\n"
    "\n"
    "Superintendent Dr. Michelle Tran said enrollment in the district had fallen by "
    "2,300 students, or 14 percent, since 2015, and that Harmon and Pine Street were "
    "each less than half full. Keeping both open would cost about $3.1 million a year "
    "more than moving their students to other schools, according to a district analysis "
    "presented at the meeting.\n"
    "\n"
    '"Nobody on this board wanted to close a school," Tran said. "But every dollar we '
    "spend heating half-empty buildings is a dollar that doesn't reach a classroom.\"\n"
    "\n"
    "The district faces a deficit of $9.8 million next year, driven largely by the end "
    "of federal pandemic relief money, which paid for 64 teaching and support jobs.\n"
    "\n"
    "Board members Laura Kim and David Ochs voted against the plan. Kim said the "
    "district had not done enough to find other savings, and that closing Pine Street "
    "would leave its neighborhood, one of the city's poorest, without a school within "
    "walking distance. About 70 percent of Pine Street's students qualify for free or "
    "reduced-price lunch.\n"
    "\n"
    '"We are asking the families with the least to give up the most," Kim said.\n'
    "\n"
    "Of the 58 people who spoke during public comment, 51 opposed the closures. Parents "
    "from Pine Street said their children would have to cross Highway 12 to reach the "
    "nearest remaining school. Tran said the district would provide buses for any "
    "student living more than a mile from the new school, and for all Pine Street "
    "students who would otherwise have to cross the highway.\n"
    "\n"
    "Ana Gutierrez, whose two children attend Harmon, said she was disappointed but not "
    'surprised. "They had made up their minds before we got here," she said after the '
    "vote.\n"
    "\n"
    "Teachers at the two schools will be offered jobs elsewhere in the district, Tran "
    "said, and no teacher will lose a job because of the closures. The teachers union, "
    "the Lakeview Education Association, said in a statement that it would hold the "
    "district to that promise.\n"
    "\n"
    "The board will decide in March which of the three receiving schools each student "
    "will attend.\n"
)

# Official statistics.
INFLATION_TITLE = "Inflation falls to 3.2% as food price rises slow"
INFLATION = (
    "The rate at which prices are rising in the UK fell to 3.2% in March, its lowest "
    "level in two and a half years, as food prices grew more slowly, official figures "
    "show.\n"
    "\n"
    "The Office for National Statistics (ONS) said the consumer prices index (CPI) rose "
    "3.2% in the 12 months to March, down from 3.4% in February. Economists polled by "
    "Reuters had expected a fall to 3.1%.\n"
    "\n"
    "Food and non-alcoholic drink prices rose 4% in the year to March, down from 5% in "
    "February and from a peak of 19.2% in March last year. Prices of bread, cereals, "
    "chocolate and sweets rose more slowly than a year earlier, the ONS said, while the "
    "price of some vegetables, including potatoes, fell.\n"
    "\n"
    "Daniel Hart, the ONS's director of economic statistics, said that there had also "
    "been a smaller rise in the cost of second-hand cars, but that rising petrol prices "
    'had partly offset the falls. "Petrol prices rose for the second month in a row, '
    'with the average price of a litre of petrol climbing by almost 3p," he said.\n'
    "\n"
    "Services inflation, which the Bank of England watches closely because it reflects "
    "wages more than import costs, fell only slightly, to 6% from 6.1%. Core inflation, "
    "which strips out energy, food, alcohol and tobacco, fell to 4.2% from 4.5%.\n"
    "\n"
    "Inflation is still above the Bank's target of 2%. The Bank has held its main "
    "interest rate at 5.25%, a 16-year high, since August, and markets expect it to "
    "start cutting in the summer.\n"
    "\n"
    'The Chancellor, Mark Ellison, said the fall showed that "our plan is working" and '
    'that lower inflation would "help families with the cost of living". Labour\'s '
    'shadow chancellor, Priya Sandhu, said households were "still paying the price" for '
    "high mortgage rates.\n"
    "\n"
    "Tom Haskell, chief UK economist at Northgate Economics, said the figures made a "
    'cut in June less likely than markets had thought. "Services inflation is not '
    'falling fast enough for the Bank to be comfortable," he said.\n'
    "\n"
    "The ONS will publish April's figures on 22 May. Mr Haskell said he expected a "
    "sharp fall that month, when a lower cap on household energy bills takes effect.\n"
)

# Transport announcement.
TIMETABLE_TITLE = "Trains between Cardiff and Swansea to run every 15 minutes from December"
TIMETABLE = (
    "Trains between Cardiff and Swansea will run every 15 minutes for most of the day "
    "from 15 December, doubling the current service, Transport for Wales (TfW) said on "
    "Wednesday.\n"
    "\n"
    "The new timetable adds 48 trains a day on the route on weekdays and 36 on "
    "Saturdays. Journeys will take between 47 and 58 minutes depending on the number of "
    "stops, roughly the same as now. The first train from Cardiff will leave at 05:12 "
    "and the last from Swansea at 23:40, an hour later than at present.\n"
    "\n"
    "TfW said the extra trains were made possible by the arrival of 27 new Class 197 "
    "trains built by CAF in Newport, and by signalling work at Bridgend completed last "
    "year. The £800m order for the trains was placed in 2018.\n"
    "\n"
    '"This is the biggest change to services in south Wales for a generation," said '
    "Alun Rees, TfW's chief executive. \"People have asked us for years for a "
    "turn-up-and-go service between our two biggest cities, and from December that is "
    'what they will get."\n'
    "\n"
    "Passenger numbers on the line have recovered to 94% of their level before the "
    "pandemic, according to TfW. The busiest trains, arriving in Cardiff between 07:30 "
    "and 09:00, are often standing room only from Bridgend.\n"
    "\n"
    "Not everyone will benefit. Stopping trains will call at Pencoed, Llanharan and "
    "Pontyclun every hour, as now, and the Maesteg branch will keep its hourly service. "
    "Councillor Gareth Morgan, the leader of Bridgend County Borough Council, said he "
    'was disappointed that the smaller stations had been "left behind" and called on '
    "TfW to add a second stopping train each hour.\n"
    "\n"
    "TfW said it was considering that for the following timetable change, in May 2025, "
    "but that it depended on the Welsh government's budget. The Welsh government gives "
    "TfW about £400m a year to run the Wales and Borders rail franchise.\n"
    "\n"
    "Fares will not change as a result of the new timetable. An off-peak return between "
    "Cardiff and Swansea costs £14.10.\n"
    "\n"
    "The RMT union said it had agreed to the changes after TfW promised to recruit 60 "
    "more conductors before December. TfW said 41 had already been hired.\n"
)

# Lawsuit settlement, American dates.
SETTLEMENT_TITLE = "City to pay $4.5 million to settle lawsuit over 2019 jail death"
SETTLEMENT = (
    "The City of Brookfield has agreed to pay $4.5 million to settle a federal lawsuit "
    "brought by the family of a man who died in the city jail in 2019 after officers "
    "failed to give him medication for a seizure disorder, according to court records "
    "filed on Wednesday.\n"
    "\n"
    "The settlement, which must still be approved by the City Council on June 11, would "
    "be the largest the city has paid over a death in custody. It includes no admission "
    "of wrongdoing by the city or the six officers named in the suit.\n"
    "\n"
    "Terrence Holt, 38, was arrested on Aug. 3, 2019, on a warrant for unpaid traffic "
    "fines. He told officers at booking that he had epilepsy and needed medication "
    "twice a day, according to the lawsuit, which cites the jail's intake form. He did "
    "not receive any over the next 41 hours. He was found unresponsive in his cell on "
    "the morning of Aug. 5 and pronounced dead at Brookfield Memorial Hospital.\n"
    "\n"
    "The county medical examiner ruled that Holt died of a seizure brought on by "
    "epilepsy. Video from the jail, filed with the lawsuit, shows that officers did not "
    "check on Holt for nearly three hours before he was found, although jail policy "
    "required checks every 30 minutes.\n"
    "\n"
    '"Terrence asked for help, he told them exactly what he needed, and nobody gave it '
    "to him,\" said Holt's mother, Gloria Holt, in a statement released by her lawyers. "
    '"No amount of money changes that. What I want is for it never to happen to another '
    'family."\n'
    "\n"
    "The family's lawyer, Daniel Okafor, said the city had agreed, as part of the "
    "settlement, to hire a full-time nurse for the jail and to install electronic logs "
    "that record when each cell check is made. Both changes were made in 2021, "
    "according to the city.\n"
    "\n"
    'City Attorney Karen Lutz said in a statement that the settlement was "in the best '
    'interests of the city and its residents" and avoided the cost of a trial that had '
    'been set for September. She said jail procedures had been "substantially improved" '
    "since Holt's death.\n"
    "\n"
    "Two of the officers named in the lawsuit were disciplined in 2020 for failing to "
    "carry out cell checks, according to records released by the city last year. One "
    "has since left the department. None was charged with a crime; the county "
    "prosecutor said in 2020 that there was not enough evidence to show that any "
    "officer had acted recklessly.\n"
    "\n"
    "If the council approves the settlement, the case will be dismissed. The money will "
    "come from the city's self-insurance fund, which had a balance of $19 million at "
    "the end of last year.\n"
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
    "earnings": (EARNINGS, EARNINGS_TITLE),
    "gadget": (GADGET, GADGET_TITLE),
    "health": (HEALTH, HEALTH_TITLE),
    "crime": (CRIME, CRIME_TITLE),
    "diplomacy": (DIPLOMACY, DIPLOMACY_TITLE),
    "results_us": (RESULTS_US, RESULTS_US_TITLE),
    "exhibition": (EXHIBITION, EXHIBITION_TITLE),
    "investigation": (INVESTIGATION, INVESTIGATION_TITLE),
    "explainer": (EXPLAINER, EXPLAINER_TITLE),
    "essay": (ESSAY, ESSAY_TITLE),
    "presser": (PRESSER, PRESSER_TITLE),
    "schoolboard": (SCHOOLBOARD, SCHOOLBOARD_TITLE),
    "inflation": (INFLATION, INFLATION_TITLE),
    "timetable": (TIMETABLE, TIMETABLE_TITLE),
    "settlement": (SETTLEMENT, SETTLEMENT_TITLE),
}

# The style scorers whose false alarms these articles guard against.
STYLE_PREFIXES = ("FIL", "WRD", "REP", "RDB", "SPC")
# Genres that quote nobody directly, or attribute nothing to anyone, by nature.
NO_DIRECT_QUOTES = {"guide", "review", "products", "appeal", "liveblog2", "gadget", "exhibition"}
NO_ATTRIBUTION = {"products", "exhibition"}


@pytest.fixture(scope="module")
def reports(pipeline: quality.Pipeline) -> dict[str, quality.Report]:
    return {
        name: pipeline.score(
            text=text, title=title, published="2024-05-02", byline="Staff Reporter"
        )
        for name, (text, title) in ARTICLES.items()
    }


def test_every_kind_of_article_is_covered() -> None:
    assert len(ARTICLES) >= 37


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
