"""Word material for synthetic catalogues: place-name syllables per script, people, sentences.

Names are made from syllables so that 100,000 of them are all different, yet read
like the places of a region: Polish ones carry ł, ó, ź; Nordic ones ö, å, ø;
others are written in Han, Hangul, Cyrillic, Greek, Arabic, Hebrew, Devanagari,
Thai or Georgian. A few real names (Łódź, Östersund, 釜山, Niš) are always present,
so that a benchmark or a test can search for a name it knows.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Locale:
    """How the places and people of one part of the world are named."""

    countries: tuple[str, ...]
    syllables: tuple[str, ...]
    suffixes: tuple[str, ...]
    first_names: tuple[str, ...]
    last_names: tuple[str, ...]
    latitude: tuple[float, float]
    longitude: tuple[float, float]
    weight: int  # how often a city is drawn from this locale
    joiner: str = ""  # between syllables ("" makes one word; Vietnamese uses a space)
    syllable_counts: tuple[int, ...] = (2, 3)


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split())


LOCALES: tuple[Locale, ...] = (
    Locale(  # English
        _split("GB US CA AU NZ IE"),
        _split("Ed in burgh Nor wich Brad ford Ma di son Tuc Ne wark Ab er deen Dun ley Ash "
               "bury Kel so Wel ling Graf Stan Hol Mar"),
        ("", "ton", "ville", " Springs", " upon Tyne", "field", " Bay", "mouth"),
        _split("Oliver Amelia Jack Grace Noah Ella Liam Chloe"),
        _split("Smith Walker O'Neill Thompson Clarke MacLeod Evans Wright"),
        (-45.0, 58.0), (-123.0, 175.0), 10,
    ),
    Locale(  # Polish
        _split("PL"),
        _split("Łó dź Kra ków Wro cław Gdań sk Szcze cin Bia ły stok Rze szów Zie lo na Gó ra "
               "Świ no uj ście Żyw iec Ostro łę ka Sie dl ce Brzę"),
        ("", " Wielki", " Mała", "-Zdrój", " Śląski", "owice", "ów", "no"),
        _split("Zofia Wojciech Małgorzata Łukasz Agnieszka Paweł Żaneta Jędrzej"),
        _split("Wójcik Kowalczyk Łuczak Zieliński Wiśniewska Dąbrowski Żak Szczęsna"),
        (49.0, 54.8), (14.1, 24.1), 6,
    ),
    Locale(  # Swedish and Finnish
        _split("SE FI"),
        _split("Ös ter sund Gö te borg Ma lmö Um eå Lu leå Väs ås Jön kö ping Hä ger sten "
               "Ö re bro Hä me Jy väs kylä Sko"),
        ("", "by", "köping", "hamn", " norra", "vik", "ås", "sund"),
        _split("Björn Åsa Sören Märta Jönne Ingrid Päivi Östen"),
        _split("Öhman Åström Lindqvist Bäckström Nyström Häkkinen Sjögren Ekström"),
        (55.3, 69.0), (11.0, 31.0), 5,
    ),
    Locale(  # Danish, Norwegian, Icelandic
        _split("DK NO IS"),
        _split("Aal borg Trom sø Bo dø Kø ben havn Ær ø skø bing Sta van ger Ber gen Reykja "
               "vík Akur eyri Þor láks höfn Ísa fjörð Seyð"),
        ("", "ur", "by", "fjord", "stad", "vík", "ø"),
        _split("Søren Ærling Þóra Guðrún Bjørn Sigríður Åse Ólafur"),
        _split("Jørgensen Sæther Þórsdóttir Guðmundsson Bråten Møller Høyer Ægisson"),
        (54.6, 71.0), (-24.0, 31.0), 3,
    ),
    Locale(  # German
        _split("DE AT CH"),
        _split("Mün chen Zü rich Düs sel dorf Nürn berg Graz Kö ln Wür zburg Lü beck Gö ttin "
               "gen Pas sau Bre gen"),
        ("", " an der Saale", "-Süd", "hausen", "stadt", "bach", " am Main", "heim"),
        _split("Jürgen Käthe Günther Lötte Ulrike Björn Gisela Jörg"),
        _split("Müller Schröder Weiß Großmann Köhler Bäumer Fuß Hölzl"),
        (45.8, 54.9), (5.9, 17.2), 6,
    ),
    Locale(  # Turkish
        _split("TR"),
        _split("İs tan bul Ga zi an tep Şan lı ur fa Kü ta hya Eski şe hir Muğ la Çan ak ka "
               "le Iğ dır"),
        ("", "köy", " Merkez", "ova", "pınar", "çay"),
        _split("Ayşe Mehmet Gülşen İbrahim Çağla Oğuz Şule Ümit"),
        _split("Yılmaz Öztürk Şahin Çelik Aydın Doğan Güneş Kılıç"),
        (36.0, 42.0), (26.0, 44.8), 4,
    ),
    Locale(  # Czech, Slovak, Serbian, Croatian, Slovenian
        _split("CZ SK RS HR SI BA"),
        _split("Niš Br no Plz eň Čes ké Bu dě jo vi ce Ko ši Ri je ka Os ije k Ža teć Lju "
               "blja na Đa ko vo"),
        ("", "ovac", " nad Vltavou", "ice", "-Ostrava", "ište", "ov"),
        _split("Jiří Anežka Dušan Milica Božena Tomáš Željka Đorđe"),
        _split("Novák Dvořák Petrović Jovanović Kovačić Horváth Šimić Đurić"),
        (42.0, 51.0), (12.1, 23.0), 6,
    ),
    Locale(  # Romanian and Hungarian
        _split("RO HU"),
        _split("Bis tri ța Ti mi șoa ra Ia și Clu j Bra șov Sibi u Pécs Győr Sze ged Ke cs "
               "mét Deb re cen Nyír egy há za"),
        ("", "-Mureș", " Nouă", "vár", "falu", "ești"),
        _split("Ștefan Ioana Mărioara Gábor Zsófia Lőrinc Réka Mihály"),
        _split("Popescu Ionescu Munteanu Szőke Kovács Tóth Vörös Bălănescu"),
        (43.6, 48.6), (16.1, 29.7), 4,
    ),
    Locale(  # French
        _split("FR BE LU MC SN CI"),
        _split("É tien ne Mont pel lier Bé ziers Ar les Cham bé ry Or lé ans Ange rs Gre no "
               "ble Nî mes"),
        ("", "-sur-Mer", "-la-Forêt", "-lès-Bains", "-d'Arès", "-en-Provence", " Saint-Éloi"),
        _split("Élodie François Hélène Jérôme Maëlle Noël Anaïs Loïc"),
        _split("Lefèvre Béranger Côté Gaëtan Mérignac Dubœuf Faurè Chênevert"),
        (5.0, 51.0), (-17.5, 7.5), 6,
    ),
    Locale(  # Spanish and Portuguese
        _split("ES MX AR CO PE PT BR CL EC UY"),
        _split("Bo go tá Me de llín Po pa yán São Pau lo Jo ão Pes soa La gu na Ñu ñoa Cór "
               "do ba Ma tan zas Gua ja ra Ara ca jú"),
        ("", " del Río", " de la Sierra", " do Sul", " de Júlio", " Nuevo", "ópolis"),
        _split("José María Lucía Joaquín Inês Conceição Begoña Martín"),
        _split("Muñoz Pérez Gonçalves Núñez Araújo Fernández Peña Magalhães"),
        (-40.0, 43.0), (-80.0, -3.0), 10,
    ),
    Locale(  # Vietnamese
        _split("VN"),
        _split("Đà Nẵng Hà Nội Huế Hội An Cần Thơ Vũng Tàu Hải Phòng Quảng Ngãi Bến Tre "
               "Đồng Hới Mỹ Tho"),
        ("",), _split("Hương Minh Phương Dũng Thảo Tuấn Ngọc Đức"),
        _split("Nguyễn Trần Lê Phạm Hoàng Vũ Đặng Bùi"),
        (8.5, 23.0), (102.0, 109.5), 3, joiner=" ", syllable_counts=(2, 3),
    ),
    Locale(  # Indonesian and Malay
        _split("ID MY PH"),
        _split("Ban dung Pe ka long an Am bon Ma la ng Su ra ba ya Pa lem Ce bu Da vao Ipoh"),
        ("", " Barat", " Timur", " City", "an"),
        _split("Siti Budi Ayu Rizal Nur Ahmad Dewi Putri"),
        _split("Santoso Wijaya Rahman Abdullah Reyes Hidayat Kusuma Lim"),
        (-8.0, 15.0), (95.0, 126.0), 3,
    ),
    Locale(  # Africa, written in Latin letters
        _split("ML SN KE NG CD RW GH BF TZ ZA"),
        _split("Sé gou Da kar Ki gali Lu bum ba shi Ka no Mom sa Ou a ga dou Zan zi bar Ab "
               "éo ku ta"),
        ("", " Sud", "-Ville", " Nord", "ni"),
        _split("Aïssata Kwame Ngozi Séni Wanjiru Oumou Chinedu Fatoumata"),
        _split("Traoré Diallo Okafor Mensah Kéita Njoroge Ndiaye Coulibaly"),
        (-34.0, 17.0), (-17.0, 40.0), 5,
    ),
    Locale(  # Han (Chinese, Japanese)
        _split("CN JP"),
        tuple("釜山京州海南北東西安城川原江陽平福岡島長崎津沢宮鹿野松杭蘇"),
        ("", "市", "町"),
        _split("小林 王芳 李娜 佐藤 张伟 高橋 刘洋 田中"),
        _split("陈 李 王 佐藤 鈴木 张 刘 渡辺"),
        (22.0, 45.0), (100.0, 145.0), 6, syllable_counts=(2, 3),
    ),
    Locale(  # Hangul
        _split("KR"),
        tuple("부산서울대구광주전인천수원청강릉통영춘여경포항제"),
        ("", "시", "군"),
        _split("민준 서연 지우 하은 도윤 수아 예준 지민"),
        _split("김 이 박 최 정 강 조 윤"),
        (33.2, 38.6), (124.6, 131.0), 4, syllable_counts=(2, 3),
    ),
    Locale(  # Cyrillic
        _split("RU UA BY BG KZ"),
        _split("Но во си бир ск Ека те рин бург Яро слав ль Ки ев Ль вов Ха рьк ов Одес са "
               "Пло вдив Ёл ки Йош кар"),
        ("", "-на-Дону", "ово", "град", " Великий", "ёво"),
        _split("Андрей Ольга Сергей Татьяна Юлия Дмитрий Наталья Алексей"),
        _split("Смирнов Иванова Кузнецов Попова Соколов Лебедева Козлов Новикова"),
        (41.5, 60.0), (23.0, 82.0), 6,
    ),
    Locale(  # Greek
        _split("GR CY"),
        _split("Θεσ σα λο νί κη Ηρά κλει ο Πά τρα Κα λα μά τα Βό λος Χα νιά Λά ρι σα"),
        ("", "ς", "πολη"),
        _split("Ελένη Γιώργος Μαρία Νίκος Σοφία Δημήτρης Άννα Κώστας"),
        _split("Παπαδοπούλου Οικονόμου Γεωργίου Νικολάου Αθανασίου Μακρής Βλάχος Δημητρίου"),
        (34.8, 41.7), (19.4, 34.6), 3,
    ),
    Locale(  # Arabic
        _split("EG MA TN JO LB AE SA IQ"),
        _split("ال مدي نة قا هر رب اط فا س تو نس بغ داد عم ان جد ة صور"),
        ("", "ية", " الجديدة"),
        _split("محمد فاطمة أحمد ليلى يوسف مريم عمر نور"),
        _split("العلي الحسن المصري التونسي الخطيب السيد الشامي الفاسي"),
        (15.0, 37.0), (-10.0, 56.0), 5,
    ),
    Locale(  # Hebrew
        _split("IL"),
        _split("חי פה תל אביב יר וש לים בא ר שבע נצ רת"),
        ("",), _split("נועה דוד מיכל יוסף תמר אבי שירה משה"),
        _split("כהן לוי מזרחי פרץ ביטון אברהם פרידמן שפירא"),
        (29.5, 33.3), (34.3, 35.9), 1, syllable_counts=(2, 3, 4),
    ),
    Locale(  # Devanagari
        _split("IN NP"),
        _split("वा रा ण सी जय पुर हैद बाद लख नऊ भो पाल ग्वा लि यर"),
        ("", "गढ़", "नगर"),
        _split("प्रिया राहुल अनीता विकास सुनीता अमित पूजा रवि"),
        _split("शर्मा वर्मा गुप्ता सिंह पटेल जोशी मिश्रा यादव"),
        (8.0, 30.0), (68.0, 88.0), 3, syllable_counts=(2, 3, 4),
    ),
    Locale(  # Thai
        _split("TH"),
        _split("เชียง ใหม่ ภู เก็ต สุ โข ทัย นคร ราช สีมา ขอน แก่น"),
        ("",), _split("สมชาย สุดา วิชัย มาลี ประเสริฐ นภา อรุณ ดารุณี"),
        _split("ศรีสุข วงศ์ไทย บุญมา แสงทอง ใจดี สุขสันต์ ทองคำ พรหมมา"),
        (6.0, 20.0), (98.0, 105.5), 2, syllable_counts=(2, 3, 4),
    ),
    Locale(  # Georgian and Armenian
        _split("GE AM"),
        _split("თბი ლი სი ქუ თა ი ბა თუ მი Եր ևան Գյում րի"),
        ("",), _split("ნინო გიორგი თამარ დავით Անի Արամ მარიამ ლევან"),
        _split("ბერიძე კაპანაძე გელაშვილი Պետրոսյան Հովհաննիսյան მამულაშვილი ლომიძე ჯავახიშვილი"),
        (38.8, 43.6), (40.0, 46.7), 1, syllable_counts=(2, 3, 4),
    ),
)  # fmt: skip

# Always in the catalogue (once each), with their real country, so searches have known answers.
KNOWN_CITIES: tuple[tuple[str, str], ...] = (
    ("Łódź", "PL"), ("Östersund", "SE"), ("釜山", "KR"), ("Niš", "RS"), ("Kraków", "PL"),
    ("Bistrița", "RO"), ("Θεσσαλονίκη", "GR"), ("Ярославль", "RU"), ("الإسكندرية", "EG"),
    ("Đà Nẵng", "VN"), ("São João del-Rei", "BR"), ("Reykjavík", "IS"), ("Zürich", "CH"),
    ("Şanlıurfa", "TR"), ("Pécs", "HU"), ("Ségou", "ML"), ("Tromsø", "NO"), ("전주", "KR"),
)  # fmt: skip

ROLES = (
    "Head of the Creative City Office", "Director of Culture", "Deputy Mayor for Culture",
    "Coordinator, International Relations", "Programme Manager, Creative Economy",
    "Cultural Policy Adviser",
)  # fmt: skip

# What each creative field makes happen in a city (used in descriptions and projects).
FIELD_ACTIVITIES = {
    "Architecture": ("urban heritage walks", "an architecture biennale"),
    "Crafts and Folk Art": ("weaving and pottery workshops", "a crafts fair"),
    "Design": ("a design week", "a product design school"),
    "Film": ("a film festival", "an archive of regional cinema"),
    "Gastronomy": ("covered food markets", "a culinary school"),
    "Literature": ("a book fair", "public reading rooms"),
    "Media Arts": ("a digital art biennale", "a media lab for teenagers"),
    "Music": ("a music festival", "a network of community choirs"),
}

INTRO_SENTENCES = (
    "{name} is a city of {country} with a long tradition of {field_lower}.",
    "Since its designation in {year}, {name} has built its development plan around {activity}.",
    "The old quarter of {name} hosts {activity} that draws visitors from the whole region.",
    "{name} works closely with {partner} on exchanges of artists and cultural managers.",
    "Local associations in {name} run {activity2} open to every resident.",
    "The municipality of {name} set up a creative economy office in {year}.",
    "Twin projects with {partner} have brought {field_lower} into schools and libraries.",
    "About a fifth of the jobs in {name} depend on culture and the creative industries.",
)
PLAN_SENTENCES = (
    "The action plan gives priority to young people and to neighbourhoods far from the centre.",
    "{name} will host a meeting of the {field} cluster of the network.",
    "A new fund supports small {field_lower} enterprises during their first three years.",
    "Monitoring shows more visitors, more jobs and more international partnerships.",
    "The city plans to open a residency programme for artists from {partner}.",
    "Public spaces are being redesigned with the help of local {field_lower} professionals.",
    "Partnerships with universities document the intangible heritage of {name}.",
    "Sustainable tourism and inclusion are the two lines that run through every programme.",
)
OBJECTIVES = (
    "Strengthen {field_lower} as a driver of sustainable urban development",
    "Make {activity} accessible to people with disabilities",
    "Train 200 young professionals in {field_lower} every year",
    "Exchange good practice with {partner} and other cities of the network",
    "Support women entrepreneurs in the creative economy",
    "Document and transmit the traditional knowledge of the region",
    "Open {activity2} in every district by 2030",
)
THEMES = (
    "Creative cities for sustainable development", "Culture and the climate emergency",
    "Cities of creativity and inclusion", "Youth, culture and the future of cities",
    "Creativity and resilience after the pandemic", "Heritage, innovation and tourism",
)  # fmt: skip
VENUES = ("Congress Centre", "City Hall", "Cultural Palace", "Opera House", "Convention Centre")
PROJECT_TOPICS = (
    "residency exchange", "youth laboratory", "heritage mapping", "festival network",
    "creative economy school", "open studio programme", "digital archive",
)  # fmt: skip
ORGANISATIONS = (
    "Municipal Department of Culture", "Creative Industries Agency", "City Museum",
    "University of the Arts", "Chamber of Commerce", "Foundation for Culture",
)  # fmt: skip
FUNDERS = (
    "UNESCO International Fund for Cultural Diversity", "European Union, Creative Europe",
    "Ministry of Culture", "City Council", "Regional Development Bank", "Private donors",
)  # fmt: skip
TARGET_GROUPS = (
    "Young people aged 15 to 29", "Artists and cultural managers", "Small creative enterprises",
    "Residents of the outer districts", "Teachers and school pupils",
)  # fmt: skip
ACTIVITIES = (
    "Two-week residencies for artists from {partner}", "Workshops in {field_lower} for pupils",
    "A public exhibition in {name}", "An online course on cultural management",
    "Mentoring for start-ups of the creative economy", "A closing festival with {partner}",
)  # fmt: skip
CURRENCIES = ("EUR", "USD", "GBP", "PLN", "SEK", "KRW", "JPY", "CNY", "BRL", "TRY", "INR", "ZAR")
