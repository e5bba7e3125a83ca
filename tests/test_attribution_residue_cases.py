"""Articles written for these tests and judged as an editor would: well-sourced reporting in
many styles must keep clear of vague-source and page-furniture findings, and scraped pages
must have their furniture and reader comments found where they are."""

from __future__ import annotations

import pytest

import quality

WIRE = (
    "Rail strike called off after late-night talks\n"
    "\n"
    "LONDON (Reuters) - A national rail strike planned for Thursday was called off "
    "on Wednesday night after the RMT union and train operators reached a "
    "provisional deal on pay, both sides said.\n"
    "\n"
    "RMT general secretary Mick Lynch told reporters outside the conciliation "
    "service Acas that members would vote on the offer over the next three weeks. "
    '"This is a deal we can put to our members with confidence," he said.\n'
    "\n"
    "The Rail Delivery Group, which represents the operators, said the offer "
    "included a 5% rise backdated to January and a guarantee of no compulsory "
    "redundancies until the end of 2025.\n"
    "\n"
    'Transport Secretary Mark Harper welcomed the agreement. "Passengers will be '
    'relieved," he said in a statement, adding that the government had not been '
    "party to the talks.\n"
    "\n"
    "Some commuters said they had already made other plans. Priya Shah, a nurse who "
    "travels from Reading to London each day, said she had booked a hotel for "
    "Wednesday night in case the trains did not run.\n"
    "\n"
    "The union had staged 14 days of strikes since June last year. Network Rail said "
    "services would run normally on Thursday.\n"
)

COURT = (
    "Former treasurer jailed for stealing from youth football club\n"
    "\n"
    "A former treasurer of a youth football club has been jailed for two years after "
    "stealing more than £48,000 from its accounts, a court heard.\n"
    "\n"
    "Gary Whitmore, 52, of Castle Road, Bedford, admitted fraud by abuse of position "
    "at Luton Crown Court in March.\n"
    "\n"
    "Prosecutors said Whitmore transferred money from the club's account to his own "
    "on 61 occasions between 2019 and 2022, and covered the losses by showing "
    "committee members forged bank statements.\n"
    "\n"
    '"He betrayed the trust of volunteers and of the children they coach," '
    "prosecutor Helen Marsh told the court.\n"
    "\n"
    "Defending, Tom Aldridge said his client had been struggling with gambling debts "
    'and was "deeply ashamed". The court heard Whitmore had repaid £6,000.\n'
    "\n"
    'Judge Susan Redmond said the offence was aggravated by its length. "This was '
    'not a moment of weakness but a sustained deception," she said.\n'
    "\n"
    "The club's chairman, Alan Pike, said after the hearing that the club had since "
    "changed its banking rules so that two signatures were needed for every payment.\n"
)

INVESTIGATIVE = (
    "Inside the warehouse where safety alarms were switched off\n"
    "\n"
    "Workers at a distribution centre in northern Ohio were told to silence fire "
    "alarms during peak weeks, according to four current and former employees and "
    "internal messages reviewed by this newspaper.\n"
    "\n"
    "The employees spoke on condition of anonymity because they feared losing their "
    "jobs. Two of them still work at the site.\n"
    "\n"
    "One former supervisor, who asked not to be named because she has signed a "
    'settlement with the company, said managers described the alarms as "false '
    'positives" that slowed packing lines.\n'
    "\n"
    "Messages seen by the newspaper show a shift manager telling staff on Dec. 3 to "
    '"keep the panel quiet until the trucks are gone."\n'
    "\n"
    'The company, Brightline Logistics, said in a statement that it "never instructs '
    'employees to disable life-safety equipment" and that it was reviewing the '
    "claims. It declined to make the shift manager available for an interview.\n"
    "\n"
    "The Occupational Safety and Health Administration confirmed it had opened an "
    "inspection at the site in January. An OSHA spokeswoman, Laura Chen, declined to "
    "discuss an open case.\n"
    "\n"
    "Fire marshal Dennis Ruiz said his office had received two complaints about the "
    'building last year. "Switching off a panel is a crime in this state," he said.\n'
)

SCIENCE = (
    "Walking after meals lowers blood sugar, study finds\n"
    "\n"
    "A short walk after eating lowers blood sugar more than sitting or standing, "
    "according to a review of seven studies published in the journal Sports "
    "Medicine.\n"
    "\n"
    "The researchers, from the University of Limerick, found that walking for two to "
    "five minutes within an hour of a meal was enough to blunt the rise in glucose.\n"
    "\n"
    '"People do not need to run a marathon," said Aidan Buffey, a doctoral student '
    "and the review's lead author. \"Light activity after a meal makes a measurable "
    'difference."\n'
    "\n"
    "The studies were small, with a combined 116 participants, and most were in "
    "healthy adults, the authors noted. They said larger trials were needed in "
    "people with type 2 diabetes.\n"
    "\n"
    "A 2022 study by researchers at the University of Otago found similar effects in "
    "older adults. Dr. Kate Hall, a diabetologist at St Vincent's Hospital who was "
    "not involved in either study, said the findings fitted what she saw in clinic.\n"
    "\n"
    "The National Institute for Health and Care Excellence advises adults to be "
    "active every day.\n"
)

PRESS_RELEASE = (
    "Carmaker to build battery plant in Sunderland\n"
    "\n"
    "Nissan will build a second battery plant at its Sunderland site, creating 1,000 "
    "jobs, the company said in a press release on Friday.\n"
    "\n"
    '"Today\'s announcement is a vote of confidence in the North East," chief '
    "operating officer Ashwani Gupta said in the release.\n"
    "\n"
    "The plant will supply batteries for the electric version of the Qashqai, the "
    "release said. The company did not say how much it would invest, but the "
    "government said it would contribute £100m through its Automotive Transformation "
    "Fund.\n"
    "\n"
    "Business Secretary Kemi Badenoch said the decision showed that Britain remained "
    '"a great place to build cars".\n'
    "\n"
    "Unite, the union that represents workers at the site, welcomed the news. Its "
    "regional officer, Steve Bush, said the union would seek talks on pay for the "
    "new roles.\n"
    "\n"
    "Construction will start next year and the plant is due to open in 2026, "
    "according to the release.\n"
)

CORRECTION = (
    "School to close after 140 years\n"
    "\n"
    "Ashby Primary School will close in July after the county council voted on "
    "Tuesday to merge it with a larger school two miles away.\n"
    "\n"
    "Councillor Ruth Gale, who leads on education, said falling rolls had left the "
    'school with 41 pupils in buildings designed for 200. "This is not a decision '
    'anyone wanted," she said.\n'
    "\n"
    "Parents said they would appeal. Mark Denton, whose two children attend the "
    "school, said the walk to the new site was along a road with no pavement.\n"
    "\n"
    "The council said it would provide free transport for all pupils affected.\n"
    "\n"
    "Correction: An earlier version of this article said the school had 14 pupils. "
    "It has 41.\n"
)

EDITORS_NOTE = (
    "Harbour wall repairs finished early\n"
    "\n"
    "Repairs to the harbour wall at Porthleven were finished three weeks early, "
    "Cornwall Council said on Monday.\n"
    "\n"
    "The £2.3m project replaced 80 metres of the wall damaged in storms in 2014. "
    'Council engineer Paul Treloar said the mild winter had helped. "We lost only '
    'two days to the weather," he said.\n'
    "\n"
    "Harbour master Ian Hocking said fishing boats could use the inner harbour again "
    "from Friday.\n"
    "\n"
    "Editor's note: This story was updated on 12 March to add comments from the "
    "harbour master.\n"
)

LIVE_BLOG = (
    "Election night: live updates\n"
    "\n"
    "Polls closed at 10pm across the country. The first results are expected around "
    "11.30pm.\n"
    "\n"
    "10:42 pm\n"
    "Turnout in Sunderland South was 61%, the returning officer said.\n"
    "\n"
    "11:31 pm\n"
    "Sunderland South declared: Labour hold. Bridget Phillipson won with 52% of the "
    "vote.\n"
    "\n"
    "11:58 pm\n"
    'Conservative party chairman Richard Holden said the early results were "in line '
    'with what we expected".\n'
    "\n"
    "12:20 am\n"
    "The Electoral Commission said it had received no reports of problems at polling "
    "stations.\n"
)

LETTERS = (
    "Letters: The bypass will not fix our traffic\n"
    "\n"
    "The council's claim that the new bypass will cut congestion in the town centre "
    "ignores its own traffic survey, which found that most journeys start and end in "
    "town.\n"
    "\n"
    "Jane Morrow\n"
    "Ely, Cambridgeshire\n"
    "\n"
    "I have cycled to work along the river path for twenty years. The plan to light "
    "it will harm the bats that feed there, as the Wildlife Trust has pointed out.\n"
    "\n"
    "Peter Hale\n"
    "Littleport\n"
)

OBITUARY = (
    "Margaret Ellison, who ran the village shop for 50 years, dies at 91\n"
    "\n"
    "Margaret Ellison, who ran the shop and post office in Great Tew for half a "
    "century, has died aged 91, her family said.\n"
    "\n"
    "She took over the shop from her father in 1958 and kept it open through two "
    "floods and the closure of the village school. Her son, David, said she had "
    "worked behind the counter until she was 85.\n"
    "\n"
    '"She knew every customer\'s order before they reached the till," said neighbour '
    "Sheila Brand.\n"
    "\n"
    "Mrs Ellison is survived by her son, two granddaughters and a great-grandson. A "
    "funeral will be held at St Michael's Church on 3 May.\n"
    "\n"
    "Share your memories of Margaret with the family at the village hall on 4 May, "
    "her son said.\n"
)

ANONYMITY_EXPLAINED = (
    "Ceasefire talks stall over prisoner list\n"
    "\n"
    "Talks on a ceasefire stalled on Sunday over the list of prisoners to be "
    "released, according to two officials briefed on the negotiations who spoke on "
    "condition of anonymity because they were not authorised to discuss them "
    "publicly.\n"
    "\n"
    "One of the officials said mediators from Egypt and Qatar had put forward a "
    "compromise on Saturday. The other said it had been rejected within hours.\n"
    "\n"
    "A senior diplomat, who requested anonymity to describe private conversations, "
    "said the United States was pressing both sides to resume talks this week.\n"
    "\n"
    "Egypt's foreign ministry said in a statement that contacts were continuing. "
    "Qatar's prime minister, Sheikh Mohammed bin Abdulrahman Al Thani, told "
    'reporters in Doha that "progress has been made but gaps remain".\n'
)

SPORTS = (
    "Late penalty sends Town into the play-offs\n"
    "\n"
    "Town reached the League One play-offs with a 2-1 win over Rovers on Saturday, "
    "sealed by Jack Evans's penalty in the 89th minute.\n"
    "\n"
    'Manager Lee Grant said his players had "earned every point". "We were written '
    'off in October," he told BBC Radio Suffolk. "Look at us now."\n'
    "\n"
    "Rovers led through Sam Okafor's header before Dan Mills equalised after the "
    "break.\n"
    "\n"
    'Rovers boss Paul Sturrock said the penalty was "soft" but that his side had not '
    'done enough. "We\'ll reply on the pitch next season," he said.\n'
    "\n"
    "Town will play Barnsley in the semi-final, the EFL confirmed.\n"
)

WORDPRESS_PAGE = (
    "Town council approves new skate park\n"
    "\n"
    "Posted by admin on June 3, 2013\n"
    "\n"
    "The town council voted 7-2 on Monday night to build a skate park at Riverside "
    "Field, ending a two-year campaign by local teenagers.\n"
    "\n"
    "Mayor Dana Whitfield said the $180,000 project would be paid for from a state "
    'recreation grant. "The kids did the work, they made the case," she said.\n'
    "\n"
    "Construction is expected to begin in September.\n"
    "\n"
    "Share this:\n"
    "Facebook\n"
    "Twitter\n"
    "Email\n"
    "\n"
    "Like this:\n"
    "Like Loading...\n"
    "\n"
    "Related\n"
    "\n"
    "3 Comments\n"
    "\n"
    "Tom R. says:\n"
    "June 3, 2013 at 9:14 pm\n"
    "About time! My son has been skating in the car park for years.\n"
    "Reply\n"
    "\n"
    "Linda Marsh says:\n"
    "June 4, 2013 at 7:02 am\n"
    "Who pays for the insurance? Nobody at the meeting answered that.\n"
    "Reply\n"
    "\n"
    "Leave a Reply Cancel reply\n"
    "Your email address will not be published. Required fields are marked *\n"
    "Comment\n"
    "Name *\n"
    "Email *\n"
)

NEWSLETTER_ON_TOP = (
    "Sign up for our free daily newsletter to get the latest news delivered to your "
    "inbox.\n"
    "\n"
    "Water company fined £3m for sewage spills\n"
    "\n"
    "Southern Water was fined £3m on Thursday for illegally discharging sewage into "
    "rivers in Kent, the Environment Agency said.\n"
    "\n"
    "The agency said the company had released untreated sewage on 22 occasions in "
    "2021. Southern Water chief executive Lawrence Gosden said the company accepted "
    "the ruling and was investing £1.5bn to cut spills.\n"
    "\n"
    "Campaigners from Surfers Against Sewage said the fine was too small to change "
    "behaviour.\n"
    "\n"
    "Read more: Why river pollution is rising\n"
)

COOKIE_BANNER_MID = (
    "Hospital waiting lists fall for third month\n"
    "\n"
    "Waiting lists for hospital treatment in England fell for the third month in a "
    "row in October, NHS England figures show.\n"
    "\n"
    "We use cookies to give you the best experience on our website. By continuing to "
    "browse, you agree to our use of cookies. Accept all cookies\n"
    "\n"
    "About 7.6 million treatments were waiting to be carried out at the end of the "
    "month, down from 7.7 million in September.\n"
    "\n"
    "Health Secretary Victoria Atkins said the figures showed the government's plan "
    "was working. The Royal College of Nursing said staff shortages remained severe.\n"
    "\n"
    "You may also like\n"
    "Junior doctors announce new strike dates\n"
    "Ambulance response times improve in North West\n"
)

DISQUS_THREAD = (
    "Bakery wins national award\n"
    "\n"
    "A family bakery in Hebden Bridge has been named the best independent bakery in "
    "Britain at the National Baking Awards.\n"
    "\n"
    "Owner Sarah Hirst, who opened the shop with her husband in 2009, said the award "
    'was "for everyone who gets up at 4am". The judges praised its sourdough and '
    "Eccles cakes.\n"
    "\n"
    "The bakery employs 12 people and sells about 900 loaves a week, Ms Hirst said.\n"
    "\n"
    "Comments (4)\n"
    "\n"
    "breadlover88\n"
    "2 days ago\n"
    "Their cinnamon buns are the best thing in Yorkshire.\n"
    "12 likes\n"
    "\n"
    "Mike_H\n"
    "2 days ago\n"
    "Queued for 40 minutes last Saturday. Worth it.\n"
    "3 likes\n"
    "\n"
    "Jen S\n"
    "1 day ago\n"
    "Congratulations Sarah and team!\n"
)

POSTED_BY_THREAD = (
    "City to cut bus routes from January\n"
    "\n"
    "The city transit authority will cut six bus routes from January to close a $14 "
    "million budget gap, its board decided on Wednesday.\n"
    "\n"
    "General manager Ruth Keller said ridership on the six routes had fallen by half "
    "since 2019. The Amalgamated Transit Union said the cuts would cost 40 jobs.\n"
    "\n"
    "Riders who depend on the routes said they had not been consulted. Doris Green, "
    "71, said the 14 bus was her only way to reach the hospital.\n"
    "\n"
    "The board will hold a public hearing on Dec. 12.\n"
    "\n"
    "Reader comments\n"
    "\n"
    "Posted by citywatcher on 11/14/2013 at 6:31 PM\n"
    "They always cut the routes poor people use.\n"
    "\n"
    "Posted by J. Alvarez on 11/14/2013 at 7:05 PM\n"
    "The 14 bus has been empty every time I've taken it.\n"
    "\n"
    "Posted by sam on 11/15/2013 at 8:12 AM\n"
    "Time to bring back the streetcar.\n"
)

AUTHOR_BOX = (
    "Drought forces hosepipe ban in Yorkshire\n"
    "\n"
    "Yorkshire Water will bring in a hosepipe ban from Friday, the first in the "
    "region for a decade, the company said on Tuesday.\n"
    "\n"
    "Reservoir levels stood at 39% of capacity, compared with 64% at this time last "
    "year. Director of water Neil Dewis said the ban was needed to protect supplies "
    "through the autumn.\n"
    "\n"
    "The ban covers about 5.5 million customers. Those who break it can be fined up "
    "to £1,000.\n"
    "\n"
    "About the author\n"
    "Jane Fell is the Yorkshire Post's environment correspondent. She has covered "
    "water and farming since 2011.\n"
    "\n"
    "Follow us on Twitter @YorkshirePost\n"
    "\n"
    "Tags: drought, Yorkshire Water, hosepipe ban\n"
    "\n"
    "Related Articles\n"
    "Farmers warn of poor harvest after dry spring\n"
    "Reservoir levels hit 20-year low\n"
)

SHARE_BAR_ON_TOP = (
    "Share on Facebook\n"
    "Share on Twitter\n"
    "Email\n"
    "\n"
    "Storm knocks out power to 80,000 homes\n"
    "\n"
    "About 80,000 homes were without power on Sunday after Storm Ciarán brought "
    "winds of up to 85mph to the south coast, National Grid said.\n"
    "\n"
    "The Met Office issued an amber warning for wind for Cornwall and Devon until "
    "9pm. Network operator UK Power Networks said engineers were working to "
    "reconnect customers.\n"
    "\n"
    "Several schools will stay closed on Monday, Cornwall Council said.\n"
    "\n"
    "0 Comments\n"
)

BLOGGER_THREAD = (
    "A walk up Pen y Fan in the snow\n"
    "\n"
    "We set off from the Storey Arms at eight, with the car thermometer reading "
    "minus four. The path was icy from the first gate, and we put on crampons before "
    "the bend.\n"
    "\n"
    "By the top of Corn Du the wind had picked up and the cloud came down. We stayed "
    "on the summit of Pen y Fan for five minutes and came down the same way.\n"
    "\n"
    "It was the best walk of the winter.\n"
    "\n"
    "Posted by Gwen at 8:41 PM\n"
    "\n"
    "5 comments:\n"
    "\n"
    "Rhys said...\n"
    "Looks amazing. Was the path from Cwm Gwdi open?\n"
    "January 14, 2013 at 9:02 PM\n"
    "\n"
    "Gwen said...\n"
    "Rhys - it was, but very icy near the top.\n"
    "January 14, 2013 at 9:30 PM\n"
    "\n"
    "Anonymous said...\n"
    "You should not go up there in those conditions without an ice axe.\n"
    "January 15, 2013 at 6:12 AM\n"
    "\n"
    "Post a Comment\n"
)

BARE_THREAD = (
    "New bridge opens to cyclists\n"
    "\n"
    "The new footbridge over the River Wear opened to walkers and cyclists on "
    "Saturday, two months late.\n"
    "\n"
    "The £6m bridge links the university campus to the city centre. Council leader "
    "Simon Henig said it would take 2,000 car journeys off the roads each day.\n"
    "\n"
    "The opening was delayed by a shortage of steel, contractor Balfour Beatty said.\n"
    "\n"
    "Peter Lowe - March 4, 2013\n"
    "Great to finally have it open. Rode across this morning.\n"
    "\n"
    "anna_k - March 4, 2013\n"
    "Two months late and still no lights on the path.\n"
    "\n"
    "Peter Lowe - March 5, 2013\n"
    "@anna_k the lights are due next week apparently.\n"
)

VOTED_THREAD = (
    "Library extends opening hours\n"
    "\n"
    "Bristol Central Library will open until 8pm on weekdays from next month, the "
    "city council said on Friday.\n"
    "\n"
    "The council said the extra hours would be paid for by a £200,000 grant from "
    "Arts Council England. Head of libraries Kate Murray said evening visits had "
    "doubled since 2019.\n"
    "\n"
    "[–] bookworm_bris 14 points 3 hours ago\n"
    "Finally. I work until six and could never get there.\n"
    "\n"
    "[–] oldtowner 6 points 2 hours ago\n"
    "Shame they cut the Sunday hours to pay for it.\n"
    "\n"
    "[–] kate_m 2 points 1 hour ago\n"
    "Sunday hours are not changing, see the council page.\n"
)

FOOTER_FURNITURE = (
    "Zoo welcomes twin red panda cubs\n"
    "\n"
    "Twin red panda cubs have been born at Paignton Zoo, the first in its 100-year "
    "history, keepers said on Wednesday.\n"
    "\n"
    "The cubs, born in June, have only now left their nest box. Curator of mammals "
    'Frances Ellis said the mother, Ruby, had been an "exemplary parent".\n'
    "\n"
    "Red pandas are endangered in the wild, with fewer than 10,000 thought to "
    "remain, according to the International Union for Conservation of Nature.\n"
    "\n"
    "Share | Tweet | Email | Print\n"
    "\n"
    "More from Devon\n"
    "Beach cleanup draws record crowd\n"
    "Dartmoor ponies moved after attacks\n"
    "\n"
    "Cookie Policy\n"
    "Privacy Policy\n"
)

COMMENTS_THEN_RELATED = (
    "Museum returns bronze head to Nigeria\n"
    "\n"
    "The Horniman Museum in London handed back a bronze head to Nigeria on Monday, "
    "one of 72 objects it agreed to return last year.\n"
    "\n"
    'The museum\'s director, Nick Merriman, said it was "the right thing to do". Abba '
    "Tijani, director-general of Nigeria's National Commission for Museums and "
    "Monuments, said the return set an example for other institutions.\n"
    "\n"
    "The objects were taken by British troops from Benin City in 1897.\n"
    "\n"
    "Comments\n"
    "\n"
    "Ade O.\n"
    "March 5, 2013 at 10:14 am\n"
    "A good start. Now the British Museum.\n"
    "Reply\n"
    "\n"
    "Hannah W\n"
    "March 5, 2013 at 11:40 am\n"
    "Will they be displayed in Benin City or Lagos?\n"
    "Reply\n"
    "\n"
    "Related stories\n"
    "Germany agrees to return Benin Bronzes\n"
    "British Museum faces new calls over Parthenon marbles\n"
)

HOW_TO_WITH_BIO = (
    "How to fix a dripping tap\n"
    "\n"
    "A dripping tap can waste more than 5,000 litres of water a year, according to "
    "the Energy Saving Trust.\n"
    "\n"
    "Most drips are caused by a worn washer. Turn off the water at the isolation "
    "valve, remove the tap handle and unscrew the headgear nut. Replace the washer "
    "and reassemble.\n"
    "\n"
    "If the tap still drips, the valve seat may be damaged. A plumber can regrind it "
    "for about £60, said Kevin Wellman of the Chartered Institute of Plumbing and "
    "Heating Engineering.\n"
    "\n"
    "About the author\n"
    "Mark Dunn has written about home repairs for 20 years. His latest book is The "
    "Weekend Fixer.\n"
    "\n"
    "Was this article helpful? Yes No\n"
)


@pytest.fixture(scope="module")
def pipeline() -> quality.Pipeline:
    return quality.Pipeline(["attribution", "residue"])


def _found(pipeline: quality.Pipeline, text: str) -> list[tuple[str, str]]:
    report = pipeline.score(text, language="en")
    return [(f.rule, text[f.start : f.end]) for f in report.findings]


def _rules(pipeline: quality.Pipeline, text: str) -> set[str]:
    return {rule for rule, _ in _found(pipeline, text)}


def _comments_start(pipeline: quality.Pipeline, text: str) -> int | None:
    starts = [f.start for f in pipeline.score(text, language="en").findings if f.rule == "RES106"]
    return starts[0] if starts else None


# Clean reporting: no page furniture, and no unnamed source where the copy names or explains
# its sources.


@pytest.mark.parametrize(
    "text",
    [
        WIRE,
        COURT,
        INVESTIGATIVE,
        SCIENCE,
        PRESS_RELEASE,
        CORRECTION,
        EDITORS_NOTE,
        LIVE_BLOG,
        LETTERS,
        OBITUARY,
        ANONYMITY_EXPLAINED,
        SPORTS,
    ],
)
def test_clean_reporting_has_no_residue(pipeline, text):
    assert not {rule for rule in _rules(pipeline, text) if rule.startswith("RES")}


@pytest.mark.parametrize(
    "text", [COURT, INVESTIGATIVE, SCIENCE, PRESS_RELEASE, CORRECTION, EDITORS_NOTE, SPORTS]
)
def test_clean_reporting_names_or_explains_its_sources(pipeline, text):
    assert not {rule for rule in _rules(pipeline, text) if rule.startswith("ATT1")}


def test_sources_whose_anonymity_is_explained_are_not_vague(pipeline):
    found = _found(pipeline, ANONYMITY_EXPLAINED)
    excerpts = [excerpt for rule, excerpt in found if rule in ("ATT101", "ATT102")]
    assert "according to two officials" not in excerpts
    assert not [rule for rule, _ in found if rule == "ATT102"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Two officials familiar with the matter, who were not authorised to speak publicly, "
        "said the deal was close.",
        "A senior diplomat, who requested anonymity to describe private talks, said the "
        "offer had been rejected.",
        "According to two officials who spoke on condition of anonymity because they were "
        "not allowed to discuss the talks, the deal is close.",
    ],
)
def test_an_explained_grant_of_anonymity_clears_the_vague_source(pipeline, sentence):
    assert not {rule for rule in _rules(pipeline, sentence) if rule.startswith("ATT1")}


@pytest.mark.parametrize(
    ("sentence", "excerpt"),
    [
        # a day after "said" is when they spoke, not who
        ("Many said Monday that the ruling changed little.", "Many said"),
        ("Several analysts said Tuesday the merger would fail.", "Several analysts said"),
        # the name after "told" is who listened
        ("Campaign officials told Jane Roe the rally was cancelled.", "officials told"),
        # the name after "said" opens what was said
        ("Sources have also said Ann Ward is interested in the job.", "Sources have also said"),
        # a place the group is in
        ("Some delegates at the convention in Denver said they felt ignored.", "Some delegates"),
        # a named speaker set against the group in a clause of its own
        (
            "Smith said he had met the minister, but officials said no meeting took place.",
            "officials said",
        ),
    ],
)
def test_a_name_that_does_not_speak_for_the_group_does_not_clear_it(pipeline, sentence, excerpt):
    excerpts = [found for rule, found in _found(pipeline, sentence) if rule == "ATT101"]
    assert any(found.startswith(excerpt) for found in excerpts), excerpts


@pytest.mark.parametrize(
    "sentence",
    [
        "Smith said some critics had misread the plan.",
        "Critics like Tom Reed say the scheme is too costly.",
        "The scheme is too costly, said Tom Reed, who leads the group.",
        "Clinton says many doubted her in Nevada but that she never doubted herself.",
        "Theresa May said some colleagues had urged her to stay.",
    ],
)
def test_a_named_speaker_still_clears_the_group_they_describe(pipeline, sentence):
    assert "ATT101" not in _rules(pipeline, sentence)


@pytest.mark.parametrize(
    "line",
    [
        "Voters must register to vote by today, the county clerk said.",
        "Residents can sign up for the scheme's email alerts on the council website.",
        "More than 3,000 readers subscribe to the newsletter, which is free.",
        "Two comments on the plan came from the same councillor.",
        "3 responses to the consultation were received before the deadline.",
        "Previous post-mortem results were inconclusive, the coroner said.",
        "Copyright holders will be able to demand takedowns within a day, the commission said.",
        "Sites that show “We use cookies” banners must offer a reject button, the regulator said.",
        "Share prices fell 4% in early trading.",
        "The minister declined to comment.",
    ],
)
def test_one_sentence_paragraphs_are_not_page_furniture(pipeline, line):
    text = (
        "Council news\n\nThe council met on Monday to discuss the budget for the coming "
        f"year, which is tight.\n\n{line}\n\nThe next meeting is on 4 May, the council said.\n"
    )
    assert not {rule for rule in _rules(pipeline, text) if rule.startswith("RES")}


def test_social_media_words_in_prose_are_not_furniture(pipeline):
    text = (
        "Why readers stopped commenting\n\n"
        "Few buttons changed publishing as much as the one marked Share, said Emily Bell of "
        "the Tow Center for Digital Journalism.\n\n"
        "Comment sections have largely gone. Readers now subscribe to writers, not papers, "
        "and reply to them by email, Substack's Hamish McKenzie said.\n\n"
        "Cookies, the small files that follow readers across sites, are on the way out too. "
        "Google said it would drop them from Chrome.\n"
    )
    assert not {rule for rule in _rules(pipeline, text) if rule.startswith("RES")}


# Scraped pages: furniture is reported wherever it stands, and reader comments from their
# first line down.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (WORDPRESS_PAGE, {"RES101", "RES102", "RES104", "RES106"}),
        (NEWSLETTER_ON_TOP, {"RES103", "RES104"}),
        (COOKIE_BANNER_MID, {"RES105", "RES104"}),
        (AUTHOR_BOX, {"RES102", "RES104", "RES108"}),
        (SHARE_BAR_ON_TOP, {"RES101", "RES102"}),
        (FOOTER_FURNITURE, {"RES102", "RES104", "RES105"}),
        (HOW_TO_WITH_BIO, {"RES108"}),
    ],
)
def test_furniture_is_reported_wherever_it_stands(pipeline, text, expected):
    assert expected <= _rules(pipeline, text)


def test_each_line_of_a_share_bar_is_reported(pipeline):
    excerpts = [excerpt for rule, excerpt in _found(pipeline, WORDPRESS_PAGE) if rule == "RES102"]
    assert {"Facebook", "Twitter"} <= set(excerpts)


def test_a_newsletter_prompt_over_the_article_is_reported(pipeline):
    assert ("RES103", NEWSLETTER_ON_TOP.split("\n")[0]) in _found(pipeline, NEWSLETTER_ON_TOP)


def test_a_comment_count_with_no_comments_is_not_a_comment_section(pipeline):
    assert _comments_start(pipeline, SHARE_BAR_ON_TOP) is None


@pytest.mark.parametrize(
    ("text", "first_line"),
    [
        (WORDPRESS_PAGE, "3 Comments"),
        (DISQUS_THREAD, "Comments (4)"),
        (POSTED_BY_THREAD, "Reader comments"),
        (BLOGGER_THREAD, "5 comments:"),
        (BARE_THREAD, "Peter Lowe - March 4, 2013"),
        (VOTED_THREAD, "[–] bookworm_bris 14 points 3 hours ago"),
        (COMMENTS_THEN_RELATED, "Comments"),
    ],
)
def test_reader_comments_are_found_at_their_first_line(pipeline, text, first_line):
    assert _comments_start(pipeline, text) == text.index("\n" + first_line + "\n") + 1


@pytest.mark.parametrize(
    "text", [NEWSLETTER_ON_TOP, COOKIE_BANNER_MID, AUTHOR_BOX, FOOTER_FURNITURE, HOW_TO_WITH_BIO]
)
def test_furniture_without_comments_is_not_a_comment_section(pipeline, text):
    assert _comments_start(pipeline, text) is None
