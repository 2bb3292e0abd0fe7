# A curator adds the fictional article 900_5e1f0c2a9b7d4e63.txt (tests/data/curation/), one
# typed line per command. Run with DIPLOGRAPH_DATA=<a copy of the data tree> and
# DIPLOGRAPH_SOURCES=<the folder holding the capture>; tests/test_curation_end_to_end.py runs
# exactly these lines. "# fact:" comments name the facts the article reports.
diplograph find "Lee Jae Myung"
diplograph find "foreign minister of japan"
# fact: the article, its headline, date, dateline and capture
diplograph new-source "$DIPLOGRAPH_SOURCES/900_5e1f0c2a9b7d4e63.txt" --title "Moriyama and Lee agree on fisheries talks in Seoul" --published 2026-02-03 --dateline SEOUL --dateline-place place:seoul --slug 2026-02-03-moriyama-lee-fisheries-talks
diplograph cite source:2026-02-03-moriyama-lee-fisheries-talks "Moriyama and Lee agree on fisheries talks in Seoul" --about source:2026-02-03-moriyama-lee-fisheries-talks
# fact: Hana Moriyama is Japan's foreign minister
diplograph add person source:2026-02-03-moriyama-lee-fisheries-talks "Japan's new Foreign Minister Hana Moriyama" --name "Hana Moriyama" --family-name Moriyama --office "Foreign Minister of Japan"
# fact: Moriyama (visitor) met Lee (host) in Seoul on Tuesday 3 February 2026; it occurred
diplograph add event source:2026-02-03-moriyama-lee-fisheries-talks "met South Korean President Lee Jae Myung in Seoul on Tuesday" --kind SummitMeeting --label "Moriyama meets Lee in Seoul" --date "on Tuesday" --place place:seoul --participant "Hana Moriyama=visitor" --participant "Lee Jae-myung=host" --status occurred --meeting-kind makeAVisit --meeting-kind hostAVisit
# fact: it was her first trip abroad since taking office
diplograph cite source:2026-02-03-moriyama-lee-fisheries-talks "her first trip abroad since taking office" --about event:2026-02-03-moriyama-meets-lee-in-seoul --about membership:hana-moriyama-foreign-minister-of-japan
# fact: Lee told reporters the two sides agreed to resume fisheries talks
diplograph add statement source:2026-02-03-moriyama-lee-fisheries-talks "agreed to resume working-level fisheries talks within the month." --label "Lee: the two sides agreed to resume working-level fisheries talks" --speaker "Lee Jae-myung" --occasion event:2026-02-03-moriyama-meets-lee-in-seoul --verb "told reporters" --gist "Japan and South Korea will resume working-level fisheries talks within the month."
# fact: Moriyama said the meeting was a fresh step (the words occur twice in the article)
diplograph add statement source:2026-02-03-moriyama-lee-fisheries-talks "a fresh step for our neighbours" --occurrence 1 --label "Moriyama: the meeting was a fresh step for the two neighbours" --speaker "Hana Moriyama" --occasion event:2026-02-03-moriyama-meets-lee-in-seoul --verb said --gist "The meeting was a fresh step for Japan and South Korea."
# fact: they will meet again next month in Tokyo (planned)
diplograph add event source:2026-02-03-moriyama-lee-fisheries-talks "The two will meet again next month in Tokyo" --kind Meeting --label "Moriyama and Lee meet again in Tokyo" --date "next month" --place place:tokyo --participant "Hana Moriyama=visitor" --participant "Lee Jae-myung=host" --status planned --meeting-kind makeAVisit --meeting-kind hostAVisit
# fact: Lee welcomed the outcome
diplograph add statement source:2026-02-03-moriyama-lee-fisheries-talks "a fresh step for our neighbours" --occurrence 2 --label "Lee: Seoul would be a fresh step for the two neighbours" --speaker "Lee Jae-myung" --occasion event:2026-02-03-moriyama-meets-lee-in-seoul --verb "welcomed the outcome, saying" --gist "Lee hoped the Seoul meeting would be a fresh step for both countries."
# fact: Busan is a port city (in South Korea)
diplograph add place source:2026-02-03-moriyama-lee-fisheries-talks "the port city of Busan" --name Busan --kind City --in "South Korea"
# fact: Japan's Fisheries Agency, part of the government of Japan
diplograph add organization source:2026-02-03-moriyama-lee-fisheries-talks "Japan’s Fisheries Agency" --name "Fisheries Agency" --kind OrganizationalUnit --part-of "Government of Japan"
# fact: the working-level fisheries talks, planned within the month in Busan
diplograph add event source:2026-02-03-moriyama-lee-fisheries-talks "resume working-level fisheries talks within the month" --kind Meeting --label "Working-level fisheries talks in Busan" --date "within the month" --place Busan --participant "Fisheries Agency=visitor" --participant "Government of South Korea=host" --status planned --meeting-kind makeAVisit --meeting-kind hostAVisit --about place:busan
diplograph validate
diplograph query timeline
