"""People: names in the nominative, given name first, mentions merged, roles normalized."""
from __future__ import annotations

import pytest

from extractor.names import NameToken, normalize


def _person(record, name):
    found = [p for p in record.people if p.name == name]
    assert found, f"{name!r} not in {[p.name for p in record.people]}"
    return found[0]


@pytest.mark.parametrize(
    "text, name",
    [
        ("В рамках поручений Президента Касым-Жомарта Токаева прошло совещание.", "Касым-Жомарт Токаев"),
        ("Совещание провел Премьер-министр Олжас Бектенов.", "Олжас Бектенов"),
        ("Встреча с министром финансов Мадиной Такиевой состоялась в Астане.", "Мадина Такиева"),
        ("Глава региона встретился с акимом Алматы Ерболатом Досаевым.", "Ерболат Досаев"),
        ("Министр здравоохранения Акмарал Альназарова посетила Уральск.", "Акмарал Альназарова"),
        ("Об этом заявил первый заместитель Премьер-министра Роман Скляр.", "Роман Скляр"),
        ("Документ подписан по поручению Председателя Сената Маулена Ашимбаева.", "Маулен Ашимбаев"),
        ("Решение прокомментировала Эльвира Набиуллина.", "Эльвира Набиуллина"),
        ("Назначить судьей областного суда\nТеплякову Екатерину Леонидовну\n", "Екатерина Леонидовна Теплякова"),
        ("Назначить судьей краевого суда\nШайхиева Ислама Шакировича\n", "Ислам Шакирович Шайхиев"),
        ("Распоряжение подписал В. Путин.", "В. Путин"),
        ("Контроль возложить на заместителя министра Б.Д. Антонюка.", "Б. Д. Антонюк"),
        ("Министр Л.Д.РЕЙМАН", "Л. Д. Рейман"),
        # "-ова" in a case other than the nominative is a man's surname; "-ы" of "-а" surnames
        ("Письмо Садыра Жапарова получено в Астане.", "Садыр Жапаров"),
        ("Поздравление Айгуль Жапаровой прозвучало на открытии.", "Айгуль Жапарова"),
        ("Это заявление Барака Обамы вызвало споры.", "Барак Обама"),
        ("Визит Фумио Кисиды в Москву отложен.", "Фумио Кисида"),
        ("Решение Реджепа Тайипа Эрдогана поддержали в Анкаре.", "Реджеп Тайип Эрдоган"),  # a second given name
        # "-ову": a woman's accusative, a man's dative
        ("Президент принял министра здравоохранения Акмарал Альназарову.", "Акмарал Альназарова"),
        ("Президент вручил награду Ивану Петрову.", "Иван Петров"),
        # a given name that is also a place's, in the dative and the instrumental
        ("Премьер-министр поручил Дархану Сатыбалды подготовить предложения.", "Дархан Сатыбалды"),
        ("Встреча с Дарханом Сатыбалды прошла в Доме министерств.", "Дархан Сатыбалды"),
    ],
)
def test_people_name_in_nominative(record_of, text, name):
    person = _person(record_of(text), name)
    for mention in person.mentions:
        assert text[mention.start:mention.end] == mention.text


@pytest.mark.parametrize(
    "text, name, mentions",
    [
        ("Премьер-министр Олжас Бектенов провел совещание. Бектенов поручил ускорить работу. "
         "О. Бектенов также отметил рост инвестиций.", "Олжас Бектенов", 3),
        ("Роман Скляр прибыл в Петропавловск. Скляр осмотрел дамбы, а затем Скляру доложили об эвакуации.",
         "Роман Скляр", 3),
        ("Спикер Сената Дарига Назарбаева открыла заседание. Назарбаева призвала депутатов к контролю.",
         "Дарига Назарбаева", 2),
    ],
)
def test_people_mentions_merged(record_of, text, name, mentions):
    record = record_of(text)
    assert [p.name for p in record.people].count(name) == 1
    assert len(_person(record, name).mentions) == mentions


@pytest.mark.parametrize(
    "text, name, role",
    [
        ("Премьер-министр Олжас Бектенов провел совещание.", "Олжас Бектенов", "Премьер-министр"),
        # short titles of deputies
        ("Заммэра по вопросам градостроительной политики Владимиру Ефимову поручено обеспечить благоустройство.",
         "Владимир Ефимов", "Заммэра по вопросам градостроительной политики"),
        ("Об этом сообщил замгубернатора Свердловской области Олег Чемезов.", "Олег Чемезов",
         "замгубернатора Свердловской области"),
        ("Это поручение Президента Касым-Жомарта Токаева.", "Касым-Жомарт Токаев", "Президент"),
        ("На встрече с акимом Алматы Ерболатом Досаевым обсудили бюджет.", "Ерболат Досаев", "аким Алматы"),
        ("Министр финансов Мадина Такиева представила отчет.", "Мадина Такиева", "министр финансов"),
        ("Об этом сообщил первый заместитель Премьер-министра Роман Скляр.", "Роман Скляр",
         "первый заместитель Премьер-министра"),
        ("Валерий Зорькин, председатель Конституционного суда, высказал сомнения.", "Валерий Зорькин",
         "председатель Конституционного суда"),
        ("Слово предоставили министру по чрезвычайным ситуациям Чингису Аринову.", "Чингис Аринов",
         "министр по чрезвычайным ситуациям"),
        # the title that governs a chain of genitives, over words that are not titles
        ("Первый заместитель руководителя администрации президента Вячеслав Володин провел встречу.",
         "Вячеслав Володин", "первый заместитель руководителя администрации президента"),
        ("Пресс-секретарь президента Дмитрий Песков ответил на вопросы.", "Дмитрий Песков",
         "пресс-секретарь президента"),
        # after a dash; an occupation is a title too
        ("За заслуги в развитии здравоохранения и многолетнюю добросовестную работу наградить орденом Пирогова "
         "Смирнову Елену Викторовну – главного врача городской клинической больницы № 15 города Москвы.",
         "Елена Викторовна Смирнова", "главный врач городской клинической больницы"),
        # a name in the genitive has its own title in the genitive
        ("По словам советника президента России Владимира Путина, решение принято.", "Владимир Путин",
         "президент России"),
        # a company's quoted name, whatever its words, is part of the title
        ("В совещании участвовал председатель правления АО \"Национальная компания железных дорог\" "
         "Тимур Сапаров.", "Тимур Сапаров", 'председатель правления АО "Национальная компания железных дорог"'),
        ("С докладом выступил генеральный директор ТОО «Жасыл Дала Агро» Бауыржан Керимов.", "Бауыржан Керимов",
         "генеральный директор ТОО «Жасыл Дала Агро»"),
        # a body the model took into the name is the title's: "[Мажилиса] Ерлан Кошанов"
        ("Председатель Мажилиса Ерлан Кошанов поручил комитету доработать законопроект.", "Ерлан Кошанов",
         "Председатель Мажилиса"),
        # the adjectives take the title's gender: not "специальное корреспондент"
        ("Интервью взял у специального корреспондента агентства Марата Исаева его коллега.", "Марат Исаев",
         "специальный корреспондент агентства"),
    ],
)
def test_people_roles_in_nominative(record_of, text, name, role):
    person = _person(record_of(text), name)
    titles = [r.title.casefold() for r in person.roles]  # a title opening a sentence keeps its capital
    assert role.casefold() in titles
    for r in person.roles:
        assert text[r.start:r.end] == r.text


@pytest.mark.parametrize(
    "text",
    [
        "Премьер-министр поручил министерствам внести предложения.",
        "Глава государства подписал указ.",
        "Сцена из фильма показана на фестивале.",
        # a body or a place opening a line before a verb, as a headline's subject
        "Кабмин утвердил программу развития\n\nПравительство утвердило программу.",
        "Минфин подготовил отчет\n\nМинистерство подготовило отчет.",
        "Казахстан подписал соглашение\n\nСтрана подписала соглашение.",
        # a body by its one-word name, which the model reads as a person
        "Об этом сообщает агентство со ссылкой на Акорду.",
        # a town the dictionary lacks, read as a place in the prepositional by its ending
        "Износ тепловых сетей в Экибастузе, Риддере и Степногорске превышает 80%.",
        # a town in a list of places with their counts
        "Саженцы получили: Абайский район - 4000, Курчатов - 3000, Семей - 9100.",
    ],
)
def test_people_title_is_not_a_person(record_of, text):
    assert record_of(text).people == []


def test_people_a_surname_that_is_also_a_word(record_of):
    # "Токаев" is also the genitive plural of "токай", a wine; nothing else reads it so
    assert [p.name for p in record_of("На расширенном заседании Токаев поручил ускорить цифровизацию.").people] == \
        ["Токаев"]


@pytest.mark.parametrize(
    "words, cases, full",
    [
        (["Касым-Жомарта", "Токаева"], ["gent", "gent"], "Касым-Жомарт Токаев"),
        (["Олжасом", "Бектеновым"], ["ablt", "ablt"], "Олжас Бектенов"),
        (["Мадине", "Такиевой"], ["datv", "datv"], "Мадина Такиева"),
        (["Салтанат", "Нукеновой"], ["gent", "gent"], "Салтанат Нукенова"),
        (["Лиджееву", "Любовь", "Лиджаевну"], ["accs", "accs", "accs"], "Любовь Лиджаевна Лиджеева"),
        (["Кунтаровского", "Валерия", "Ремовича"], ["gent", "gent", "gent"], "Валерий Ремович Кунтаровский"),
        # surnames in "-ия" the dictionary lacks; "-младший", "-старший" after a surname
        (["Гураму", "Шенгелии"], ["datv", "datv"], "Гурам Шенгелия"),
        (["Нино", "Чантурией"], ["ablt", "ablt"], "Нино Чантурия"),
        (["Ивана", "Петрова-младшего"], ["gent", "gent"], "Иван Петров-младший"),
        (["Ольгой", "Петровой-старшей"], ["ablt", "ablt"], "Ольга Петрова-старшая"),
    ],
)
def test_names_normalize(words, cases, full):
    assert normalize([NameToken(w, c) for w, c in zip(words, cases)]).full == full


def test_people_list_under_one_title(record_of):
    text = ("Назначить судьями Курского областного суда\nРудакова Николая Вячеславовича\n"
            "Полунину Галину Ивановну\n\nсудьей Пермского областного суда\nЕлисееву Елену Николаевну\n")
    roles = {p.name: [r.title.casefold() for r in p.roles] for p in record_of(text).people}
    assert roles["Николай Вячеславович Рудаков"] == ["судья курского областного суда"]
    assert roles["Галина Ивановна Полунина"] == ["судья курского областного суда"]
    assert roles["Елена Николаевна Елисеева"] == ["судья пермского областного суда"]


@pytest.mark.parametrize(
    "text, name, mentions",
    [
        ("Директором фонда назначен Майкл Хендерсон (Michael Henderson), сообщает агентство.",
         "Майкл Хендерсон", ["Майкл Хендерсон", "Michael Henderson"]),
        ("Соглашение подписал глава компании Хосе Мартинес (José Martínez).",
         "Хосе Мартинес", ["Хосе Мартинес", "José Martínez"]),
    ],
)
def test_people_latin_original_is_a_mention(record_of, text, name, mentions):
    record = record_of(text)
    assert [m.text for m in _person(record, name).mentions] == mentions
    assert len(record.people) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Выступил директор фонда Майкл Хендерсон (Reuters).",
        "Выступил директор фонда Майкл Хендерсон (World Bank).",
    ],
)
def test_people_latin_in_brackets_must_transliterate(record_of, text):
    assert [m.text for m in _person(record_of(text), "Майкл Хендерсон").mentions] == ["Майкл Хендерсон"]


@pytest.mark.parametrize(
    "text, names",
    [
        ("Об этом сообщил помощник Скляра Айдар Арифханов.", ["Айдар Арифханов"]),
        ("Брифинг провел советник Трампа Джон Болтон.", ["Джон Болтон"]),
        ("Это был знакомый Марины Голуб Алексей Русаков.", ["Марина Голуб", "Алексей Русаков"]),
    ],
)
def test_people_two_names_run_together_are_split(record_of, text, names):
    record = record_of(text)
    for name in names:
        assert len(_person(record, name).mentions) == 1


@pytest.mark.parametrize(
    "text, name",
    [
        ("Назначить судьей краевого суда\nШайхиева Ислама Шакировича\n", "Ислам Шакирович Шайхиев"),
        ("На встрече присутствовала писательница Джейн Остин.", "Джейн Остин"),
    ],
)
def test_people_one_name_is_not_split(record_of, text, name):
    assert len(_person(record_of(text), name).mentions) == 1


@pytest.mark.parametrize(
    "text, name, reference",
    [
        ("Президент Касым-Жомарт Токаев посетил Атырау. Глава государства ознакомился с ходом строительства.",
         "Касым-Жомарт Токаев", "Глава государства"),
        ("Президент Касым-Жомарт Токаев принял делегацию. По словам Главы государства, сотрудничество растет.",
         "Касым-Жомарт Токаев", "Главы государства"),
        ("Премьер-министр Олжас Бектенов провел заседание. Премьер-министр поручил ускорить работу.",
         "Олжас Бектенов", "Премьер-министр"),
        ("Совещание провел Премьер-министр Олжас Бектенов. Глава Правительства потребовал отчета.",
         "Олжас Бектенов", "Глава Правительства"),
        ("Министр финансов Мадина Такиева выступила на брифинге. Министр отметила рост доходов.",
         "Мадина Такиева", "Министр"),
        ("Министр финансов Мадина Такиева выступила на брифинге. Министр финансов отметила рост доходов.",
         "Мадина Такиева", "Министр"),
        ("Аким Алматы Ерболат Досаев осмотрел объекты. Градоначальник поручил завершить ремонт.",
         "Ерболат Досаев", "Градоначальник"),
    ],
)
def test_people_title_refers_to_the_named_holder(record_of, text, name, reference):
    record = record_of(text)
    person = _person(record, name)
    assert reference in [m.text for m in person.mentions]
    assert len(record.people) == 1
    for mention in person.mentions:
        assert text[mention.start:mention.end] == mention.text


@pytest.mark.parametrize(
    "text",
    [
        # two ministers: "Министр" is ambiguous
        "Министр финансов Мадина Такиева и министр энергетики Алмасадам Саткалиев провели брифинг. Министр отметила рост.",
        # another minister than the one named
        "Министр финансов Мадина Такиева провела брифинг. Министр здравоохранения сообщил о вакцинации.",
        # a former holder, the office, a body named after the title, a title depending on another noun
        "Президент Касым-Жомарт Токаев провел встречу. Бывший Президент выступил с лекцией.",
        "Президент Касым-Жомарт Токаев провел встречу. Выборы Президента пройдут в срок.",
        "Президент Касым-Жомарт Токаев провел встречу. Документ внесла Администрация Президента.",
        "Президент Касым-Жомарт Токаев провел встречу. Брифинг провел помощник Президента.",
        # lowercase titles in news texts stand for the office as often as for its holder
        "Президент Касым-Жомарт Токаев провел встречу. Полномочия, которыми обладает президент, широки.",
    ],
)
def test_people_title_reference_is_unambiguous(record_of, text):
    mentions = [m.text for p in record_of(text).people for m in p.mentions]
    assert not [m for m in mentions if m.split()[0].casefold().startswith(("министр", "президент"))]


@pytest.mark.parametrize(
    "text, name, mention",
    [
        ("Писатель Василий Шукшин родился на Алтае. Там проходят Шукшинские чтения.", "Василий Шукшин", "Шукшинские"),
        ("Иосиф Сталин умер в 1953 году. Историки изучают сталинские репрессии.", "Иосиф Сталин", "сталинские"),
        ("Поэт Абай Кунанбаев родился в 1845 году. В Университете Кунанбаева прошли чтения.", "Абай Кунанбаев",
         "Кунанбаева"),
        ("Теннисистка Елена Рыбакина вышла в финал. Елену поддержали болельщики.", "Елена Рыбакина", "Елену"),
    ],
)
def test_people_known_name_found_again(record_of, text, name, mention):
    assert mention in [m.text for m in _person(record_of(text), name).mentions]


def test_people_role_does_not_reach_over_another_name(record_of):
    record = record_of("На встрече были командир экипажа Олег Новицкий и Петр Дубров.")
    assert [r.title for r in _person(record, "Олег Новицкий").roles] == ["командир экипажа"]
    assert _person(record, "Петр Дубров").roles == []


@pytest.mark.parametrize("text, name, roles", [
    # one position written twice is one role, in its written-out form
    ("Заместитель министра внутренних дел Марат Ахметов провел брифинг. Как отметил замминистра МВД "
     "Ахметов, проверка продолжается.", "Марат Ахметов", ["Заместитель министра внутренних дел"]),
    ("Суд допросил бывшего министра энергетики Ерлана Сагимбаева. Экс-министр энергетики Ерлан Сагимбаев "
     "вину не признал.", "Ерлан Сагимбаев", ["бывший министр энергетики"]),
    # "новый" says nothing of the position
    ("Новый министр экономики области Анна Смирнова представила программу.", "Анна Смирнова",
     ["министр экономики области"]),
    # nor does an age
    ("На брифинге выступил 45-летний министр здравоохранения Олег Петров.", "Олег Петров",
     ["министр здравоохранения"]),
    # a region's double name, over its dash
    ("Губернатор Кемеровской области – Кузбасса Илья Середюк провел совещание.", "Илья Середюк",
     ["Губернатор Кемеровской области – Кузбасса"]),
    ("Назначить судьей Верховного Суда Республики Северная Осетия - Алания Дзуцева Артура Таймуразовича.",
     "Артур Таймуразович Дзуцев", ["судья Верховного Суда Республики Северная Осетия - Алания"]),
    ("Сергей Орлов, глава Ханты-Мансийского автономного округа - Югры, открыл форум.", "Сергей Орлов",
     ["глава Ханты-Мансийского автономного округа - Югры"]),
    # where someone lives is the role a news story gives them
    ('"Саженцы выдали быстро", - сказала жительница Алмалинского района Дана Оспанова.', "Дана Оспанова",
     ["жительница Алмалинского района"]),
    # the tagger reads a capitalized title after a title as accusative; it is the genitive
    ("Контроль возложить на Заместителя Губернатора Свердловской области Олега Чемезова.\n\n"
     "Губернатор Свердловской области Денис Паслер", "Олег Чемезов", ["Заместитель Губернатора Свердловской области"]),
    # the title a reference stands for
    ("Глава государства Касым-Жомарт Токаев провел совещание. «Работу нужно ускорить», – сказал Президент.",
     "Касым-Жомарт Токаев", ["Президент"]),
    # a bare title later names the position the text gave in full
    ("Аким Атырауской области Серик Шапкенов провел заседание штаба. Под председательством акима Серика "
     "Шапкенова обсудили паводки.", "Серик Шапкенов", ["Аким Атырауской области"]),
    ("Президент Сергей Петров открыл саммит. Петров, президент Ассоциации городов Сибири, выступил первым.",
     "Сергей Петров", ["президент Ассоциации городов Сибири"]),
    # a senator is a deputy of the Senate, a chamber's speaker its chairman
    ("Депутат Сената Парламента Республики Казахстан Нурлан Бекназаров выступил на заседании. Как отметил "
     "сенатор Бекназаров, закон необходим.", "Нурлан Бекназаров", ["Депутат Сената Парламента Республики Казахстан"]),
    ("Спикер Мажилиса Ерлан Кошанов открыл сессию. Председатель Мажилиса Ерлан Кошанов отметил важность закона.",
     "Ерлан Кошанов", ["Председатель Мажилиса"]),
    ("Мажилисмен Айдос Сарым внес депутатский запрос. Депутат Мажилиса Айдос Сарым попросил разъяснений.",
     "Айдос Сарым", ["Депутат Мажилиса"]),
])
def test_people_one_role_per_position(record_of, text, name, roles):
    assert [r.title for r in _person(record_of(text), name).roles] == roles


@pytest.mark.parametrize("title, key", [
    ("замминистра МВД", "заместитель министра внутренних дел"),
    ("Заместитель министра внутренних дел", "заместитель министра внутренних дел"),
    ("экс-министр финансов", "бывший министр финансов"),
    ("Министр МЧС", "министр по чрезвычайным ситуациям"),
    ("аким Алматы", "аким алматы"),
    ("сенатор", "депутат сената"),
    ("Спикер Мажилиса", "председатель мажилиса"),
])
def test_people_position_key(title, key):
    from extractor.roles import position

    assert position(title) == key


def test_people_a_name_run_into_the_next_word_ends_at_the_surname(record_of):
    """A page's markup stripped without a space: "Роман Склярпроинспектировал" is Роман Скляр,
    whose surname the text gives elsewhere, then a dictionary word."""
    text = ("Первый заместитель премьер-министра Роман Скляр провел совещание в Петропавловске.\n\n"
            "Ранее Роман Склярпроинспектировалпаводковую обстановку в области.")
    record = record_of(text)
    assert [p.name for p in record.people] == ["Роман Скляр"]
    assert [m.text for m in record.people[0].mentions] == ["Роман Скляр", "Роман Скляр"]


def test_people_a_given_name_that_is_also_a_place(record_of):
    record = record_of("Аким города Алматы Дархан Сатыбалды провел совещание по благоустройству.")
    assert [(p.name, [r.title for r in p.roles]) for p in record.people] == [("Дархан Сатыбалды", ["Аким города Алматы"])]


def test_people_a_list_of_speakers_gives_each_their_own_title(record_of):
    record = record_of("С докладами выступили министр энергетики Алмасадам Саткалиев, министр промышленности и "
                       "строительства Ержан Нурмагамбетов, акимы областей.")
    assert [(p.name, [r.title for r in p.roles]) for p in record.people] == [
        ("Алмасадам Саткалиев", ["министр энергетики"]),
        ("Ержан Нурмагамбетов", ["министр промышленности и строительства"])]
    # a name in the genitive after a title is whom the title is of, not the next person's title
    record = record_of("Встреча прошла с участием Ивана Петрова, советника президента Владимира Путина.")
    assert [r.title for r in _person(record, "Иван Петров").roles] == ["советник президента"]


@pytest.mark.parametrize("text, name, mentions", [
    # a headline's subject, where the model has no context before the name (and, untitled, the
    # one the bare title after it means)
    ("Токаев подписал закон о республиканском бюджете\n\nГлава государства подписал закон.", "Токаев",
     ["Токаев", "Глава государства"]),
    ("Итоги года\n\nАйдар Каримович Жумабеков поручил ускорить строительство дорог.",
     "Айдар Каримович Жумабеков", ["Айдар Каримович Жумабеков"]),
])
def test_people_a_surname_opening_a_line_before_a_verb(record_of, text, name, mentions):
    person = _person(record_of(text), name)
    assert [m.text for m in person.mentions] == mentions


def test_people_a_title_over_a_line_break_in_an_act_s_signature(record_of):
    record = record_of("Настоящее постановление вступает в силу со дня его официального опубликования.\n\n"
                       "Председатель Правительства\nРоссийской Федерации М.Мишустин")
    person = _person(record, "М. Мишустин")
    assert [r.title for r in person.roles] == ["Председатель Правительства Российской Федерации"]
    # a headline's line is not the title of the name on the next lines
    record = record_of("Новый премьер-министр Армении\nГерб Армении\nТоп-менеджер «Газпрома» Карен Карапетян "
                       "назначен премьер-министром.")
    assert all("Герб" not in r.title for r in _person(record, "Карен Карапетян").roles)


@pytest.mark.parametrize("text, name, roles", [
    # an appointment: the title the name is given, not the one of who signed the act
    ("Указом Главы государства Ерлан Карин назначен государственным советником Республики Казахстан.",
     "Ерлан Карин", ["государственный советник Республики Казахстан"]),
    ("Указом Президента Асель Жанасова назначена вице-министром финансов.", "Асель Жанасова",
     ["вице-министр финансов"]),
    ("Постановлением Правительства Даурен Кенбеил назначен на должность вице-министра финансов.",
     "Даурен Кенбеил", ["вице-министр финансов"]),
    ("Марат Оспанов освобожден от должности акима Жамбылской области.", "Марат Оспанов",
     ["аким Жамбылской области"]),
    # what someone is or works as
    ("Бауыржан Мусин является членом общественного объединения «Мы против пыток».", "Бауыржан Мусин",
     ["член общественного объединения «Мы против пыток»"]),
    ("Анастасия Кузнецова ранее работала заместителем начальника управления стратегических разработок.",
     "Анастасия Кузнецова", ["заместитель начальника управления стратегических разработок"]),
    # an acting official's title in the genitive is theirs
    ("Исполняющий обязанности акима Атырауской области Серик Шапкенов провел совещание.", "Серик Шапкенов",
     ["аким Атырауской области"]),
    # a post held: "занимал должность", with a title the NER model takes for a name
    ("До назначения Тимур Жаксылыков занимал должность заместителя Премьер-министра.", "Тимур Жаксылыков",
     ["заместитель Премьер-министра"]),
    ("С 2019 года Гульмира Исаева занимает пост председателя Комитета по делам спорта.", "Гульмира Исаева",
     ["председатель Комитета по делам спорта"]),
    # a second predicate after "и" is not part of the title
    ("Ныне Нурлан Ногаев работает советником Президента по вопросам экологии и одним из руководителей фонда.",
     "Нурлан Ногаев", ["советник Президента по вопросам экологии"]),
    # the subject is a pronoun: the person named last whose gender agrees
    ("Указом Главы государства Асхат Оралов назначен министром культуры и информации. "
     "Ранее он занимал должность заместителя Премьер-министра.", "Асхат Оралов",
     ["министр культуры и информации", "заместитель Премьер-министра"]),
    ("Министр финансов Мадина Абылкасымова встретилась с Маратом Карабаевым. До назначения "
     "она работала вице-министром национальной экономики.", "Мадина Абылкасымова",
     ["Министр финансов", "вице-министр национальной экономики"]),
    ("Мадина Абылкасымова встретилась с президентом Нигерии Бола Тинубу. Ранее он занимал пост "
     "губернатора Лагоса.", "Бола Тинубу", ["президент Нигерии", "губернатор Лагоса"]),
])
def test_people_a_role_the_sentence_gives(record_of, text, name, roles):
    person = _person(record_of(text), name)
    assert [r.title for r in person.roles] == roles
    for r in person.roles:
        assert text[r.start:r.end] == r.text


def test_people_a_pronoun_after_a_title_stands_for_its_holder(record_of):
    """"Аким области поручил ... Ранее он работал ...": the akim, not the man named last."""
    record = record_of("Аким Жамбылской области Ербол Карашукеев провел совещание. С докладом выступил руководитель "
                       "управления энергетики Ерлан Сапаров.\n\nАким области поручил акимам районов до 15 марта "
                       "завершить очистку арыков. Ранее он работал заместителем акима Туркестанской области.")
    assert [r.title for r in _person(record, "Ербол Карашукеев").roles] == [
        "Аким Жамбылской области", "заместитель акима Туркестанской области"]
    assert [r.title for r in _person(record, "Ерлан Сапаров").roles] == ["руководитель управления энергетики"]
    assert len(_person(record, "Ербол Карашукеев").mentions) == 2


def test_people_a_title_of_the_region_the_text_named_is_a_reference(record_of):
    record = record_of("Губернатор Алтайского края Виктор Томенко провел заседание. Губернатор края поручил "
                       "ускорить ремонт дорог.")
    assert [m.text for m in _person(record, "Виктор Томенко").mentions] == ["Виктор Томенко", "Губернатор"]
    record = record_of("Губернатор Алтайского края Виктор Томенко встретился с губернатором Омской области Виталием "
                       "Хоценко. Губернатор края поручил ускорить ремонт дорог.")
    assert [m.text for m in _person(record, "Виктор Томенко").mentions] == ["Виктор Томенко", "Губернатор"]
    record = record_of("Губернатор Алтайского края Виктор Томенко встретился с губернатором Красноярского края "
                       "Михаилом Котюковым. Губернатор края поручил ускорить ремонт дорог.")
    assert [m.text for m in _person(record, "Виктор Томенко").mentions] == ["Виктор Томенко"]  # which krai?


def test_people_places_in_a_list_before_their_noun_are_no_people(record_of):
    record = record_of("С докладами выступили акимы Мугалжарского, Хромтауского и Алгинского районов.")
    assert record.people == []


def test_people_a_pronoun_gives_no_role_to_a_person_of_the_other_gender(record_of):
    record = record_of("Министр финансов Мадина Абылкасымова встретилась с Маратом Карабаевым. До назначения "
                       "она работала вице-министром национальной экономики.")
    assert [r.title for r in _person(record, "Марат Карабаев").roles] == []
    record = record_of("Марат Карабаев провел встречу. Ранее она работала учителем.")
    assert [r.title for r in _person(record, "Марат Карабаев").roles] == []


def test_people_who_appoints_is_not_the_title_of_who_is_appointed(record_of):
    # "Президент Николас Мадуро назначил ...": the active verb's subject gives no role to its object
    record = record_of("Президент Николас Мадуро назначил министром обороны адмирала Ремихио Себальоса.")
    assert [r.title for r in _person(record, "Николас Мадуро").roles] == ["Президент"]


def test_people_a_deputy_of_an_official_the_text_names(record_of):
    # "заместителя акима области Нурлана Бекназарова": the akim is someone else, so he is the deputy
    record = record_of("Аким Алматинской области Марлен Ильясов провел совещание. Контроль за исполнением "
                       "поручений возложен на заместителя акима области Нурлана Бекназарова.")
    assert [r.title for r in _person(record, "Нурлан Бекназаров").roles] == ["заместитель акима области"]
    # where no one else holds the inner title, it is the name's
    record = record_of("По словам советника президента России Владимира Путина, решение принято.")
    assert [r.title for r in _person(record, "Владимир Путин").roles] == ["президент России"]


@pytest.mark.parametrize("text, roles", [
    # the headline's subject, untitled, is who the release's bare title means
    ("Олжас Бектенов провел совещание по развитию туризма\n\nПремьер-министр поручил акимам областей "
     "усилить контроль за строительством гостиниц.", {"Олжас Бектенов": ["Премьер-министр"]}),
    ("date 2026-03-02 Олжас Бектенов провел совещание по развитию туризма\n\nЭкономика\n310\n\n"
     "По поручению Премьер-министра акиматам предстоит усилить контроль.", {"Олжас Бектенов": ["Премьер-министр"]}),
    # or the subject of the paragraph after the headline; a reference that is no title gives the title
    ("Правительство направит 12 млрд рублей на поддержку аграриев\n\nМихаил Мишустин подписал распоряжение о "
     "выделении средств. «Деньги должны дойти до аграриев быстро», – подчеркнул Председатель Правительства.",
     {"Михаил Мишустин": ["Председатель Правительства"]}),
    ("Касым-Жомарт Токаев принял министра финансов Мади Такиева. Глава государства поручил обеспечить "
     "исполнение бюджета.", {"Касым-Жомарт Токаев": ["Президент"], "Мади Такиев": ["министр финансов"]}),
    # not when two people are untitled, nor for a name that does not open the text
    ("Зеленский встретился с Байденом\n\nПрезидент заявил о поддержке.", {"Зеленский": [], "Байден": []}),
    ("Вчера в Доме министерств Олжас Бектенов провел совещание.\n\nПремьер-министр поручил усилить контроль.",
     {"Олжас Бектенов": []}),
])
def test_people_role_by_reference_to_the_protagonist(record_of, text, roles):
    got = {p.name: [r.title for r in p.roles] for p in record_of(text).people}
    assert got == roles
    for person in record_of(text).people:
        for role in person.roles:
            assert text[role.start:role.end] == role.text


@pytest.mark.parametrize("text", [
    "3. Контроль за исполнением настоящего Указа возложить на Администрацию Президента.\n\n"
    "Президент Республики Казахстан К. Токаев\nАстана, Акорда, 16 августа 2002 года\n",
    "Президент Республики Казахстан К. Токаев\nАстана, 16 августа 2002 года\n",
    "Президент Республики Казахстан К. Токаев\nАкорда, 21 ноября 2026 года\n",
])
def test_people_the_city_of_a_place_and_date_line_is_no_person(record_of, text):
    # the model reads the city under a signature as a person ("Астан")
    assert [p.name for p in record_of(text).people] == ["К. Токаев"]


def test_people_a_headline_gives_no_title_to_the_name_opening_the_text(record_of):
    record = record_of("Совещание с членами Правительства\nВладимир Путин в режиме видеоконференции провёл совещание "
                       "с членами Правительства. Основная тема – профессиональное образование.")
    assert [(p.name, [r.title for r in p.roles]) for p in record.people] == [("Владимир Путин", [])]
    # a signature's title line, and a caption under a headline about the person, give theirs
    record = record_of("Указ вступает в силу со дня его подписания.\n\nПрезидент Российской Федерации\nВ.Путин\n")
    assert [(p.name, [r.title for r in p.roles]) for p in record.people] == [("В. Путин", ["Президент Российской Федерации"])]


def test_people_words_of_address_are_no_part_of_a_name(record_of):
    record = record_of("В.Путин: Добрый день!\n\nС.Кравцов: Уважаемый Владимир Владимирович! Создано 450 кластеров, "
                       "в них участвуют 8,5 тысячи предприятий.")
    assert not [p.name for p in record.people if "Уважаем" in p.name]


@pytest.mark.parametrize("text, roles", [
    # a name in Latin letters in brackets between the name and its apposition
    ("Томас Шефер (Thomas Schäfer), министр финансов земли Гессен, выступил в ландтаге.",
     {"Томас Шефер": ["министр финансов земли Гессен"]}),
    # a plural after the comma is the next clause's subject, no apposition
    ("На пленарном заседании Сената, которое провел Председатель Сената Маулен Ашимбаев, сенаторы рассмотрели закон.",
     {"Маулен Ашимбаев": ["Председатель Сената"]}),
    # a list of names in the genitive: the title before a name is that name's
    ("На пост прочат генерального прокурора штата Иллинойс Патрика Фитцжеральда, начальника полиции "
     "Нью-Йорка Рэймонда Келли, а также транспортного чиновника.",
     {"Патрик Фитцжеральд": ["генеральный прокурор штата Иллинойс"], "Рэймонд Келли": ["начальник полиции Нью-Йорка"]}),
])
def test_people_apposition_roles(record_of, text, roles):
    assert {p.name: [r.title for r in p.roles] for p in record_of(text).people} == roles


def test_people_a_title_of_a_city_is_no_person(record_of):
    # the model reads "Аким Шымкента" in a headline as a person; the city stays a city
    record = record_of("Аким Шымкента дал ряд поручений по итогам аппаратного совещания\n17 ноября 2026\n\n"
                       "Аким города Шымкента Габит Сыздыкбеков провел аппаратное совещание.")
    assert [(p.name, [r.title for r in p.roles]) for p in record.people] == [("Габит Сыздыкбеков", ["Аким города Шымкента"])]


@pytest.mark.parametrize("text, roles", [
    ("Заместитель Премьер-министра – министр финансов Мади Такиев доложил об исполнении бюджета.",
     ["Заместитель Премьер-министра", "министр финансов"]),
    ("Вице-премьер – министр иностранных дел Мурат Нуртлеу провел встречу.", ["Вице-премьер", "министр иностранных дел"]),
])
def test_people_a_double_title_joined_by_a_dash_is_two_positions(record_of, text, roles):
    assert [r.title for p in record_of(text).people for r in p.roles] == roles


@pytest.mark.parametrize("text, roles", [
    # a plural title before a list of names: each holds it, in the singular
    ("Депутаты Госдумы Адальби Шхагошев и Александр Грибов предложили ввести ответственность.",
     {"Адальби Шхагошев": ["Депутат Госдумы"], "Александр Грибов": ["Депутат Госдумы"]}),
    ("Свои кандидатуры выдвинули вице-президенты МОК Томас Бах (Германия) и Нг Сер Мианг (Сингапур).",
     {"Томас Бах": ["вице-президент МОК"], "Нг Сер Мианг": ["вице-президент МОК"]}),
    # before one name in the genitive, whose they are: no title of that person
    ("Адвокаты Берлускони обжалуют приговор.", {"Берлускони": []}),
    # a candidate for a post is not its holder
    ("Так же поступил кандидат от Республиканской партии в вице-президенты США Майкл Пенс.",
     {"Майкл Пенс": ["кандидат от Республиканской партии в вице-президенты США"]}),
])
def test_people_plural_titles_and_candidates(record_of, text, roles):
    assert {p.name: [r.title for r in p.roles] for p in record_of(text).people} == roles


@pytest.mark.parametrize("text, roles", [
    # a title before a name in the genitive is not that person's: whose adviser, whose lawyer
    ("Экс-советник Трампа Джон Болтон выступил с заявлением.", {"Трамп": [], "Джон Болтон": ["Экс-советник Трампа"]}),
    ("Адвокат Алёхиной Оксана Дарова подала жалобу.", {"Алёхина": [], "Оксана Дарова": ["Адвокат Алёхиной"]}),
])
def test_people_a_title_of_someone_s(record_of, text, roles):
    assert {p.name: [r.title for r in p.roles] for p in record_of(text).people} == roles


def test_people_stress_marks_and_single_letters(record_of):
    record = record_of("Лауреатами стали Диа́с Кадырба́ев и Азама́т Тажая́ков. И конечно, отмечу их тренера.")
    assert [p.name for p in record.people] == ["Диас Кадырбаев", "Азамат Тажаяков"]


@pytest.mark.parametrize("text, name, roles", [
    # an appointment told by its noun, and a double title after a dash in the same case
    ("Главой государства подписан указ о назначении Нурлана Байбазарова заместителем Премьер-министра – министром "
     "национальной экономики Республики Казахстан.", "Нурлан Байбазаров",
     ["заместитель Премьер-министра", "министр национальной экономики Республики Казахстан"]),
    ("Указом Президента Серик Жумангарин освобожден от должности заместителя Премьер-министра – министра "
     "национальной экономики.", "Серик Жумангарин", ["заместитель Премьер-министра", "министр национальной экономики"]),
    ("Президент назначил Александра Петрова послом в Королевстве Норвегия.", "Александр Петров", ["посол"]),
])
def test_people_roles_of_an_appointment(record_of, text, name, roles):
    assert [r.title for r in _person(record_of(text), name).roles] == roles


def test_people_a_list_of_candidates_with_their_votes_keeps_them(record_of):
    names = [p.name for p in record_of("Голоса распределились так: Иванов - 120, Петров - 80.").people]
    assert names == ["Иванов", "Петров"]
