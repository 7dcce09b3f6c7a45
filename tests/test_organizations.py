"""Organizations: canonical nominative names, coordinated lists, aliases, what is not one."""
from __future__ import annotations

import pytest

from extractor import organizations as orgs
from extractor.components.organizations import OrganizationsComponent


def _names(record):
    return [o.name for o in record.organizations]


def _named_mentions(record):
    """(name, the texts of its mentions) of each organization."""
    return [(o.name, [m.text for m in o.mentions]) for o in record.organizations]


@pytest.mark.parametrize(
    "text, name",
    [
        ("По данным Министерства промышленности и строительства, работа идет.", "Министерство промышленности и строительства"),
        ("Министерству финансов поручено подготовить отчет.", "Министерство финансов"),
        ("Кабмину предложено пересмотреть программу.", "Правительство"),
        ("Правительством принимаются меры по привлечению средств.", "Правительство"),
        ("Минфин опубликовал данные об исполнении бюджета.", "Министерство финансов"),
        ("Минюсту России: обеспечить контроль за расходованием средств.", "Министерство юстиции"),
        ("Руководство холдинга «Байтерек» приняло участие в совещании.", "Байтерек"),
        ("Участие приняли представители Фонда развития промышленности\n\nФото: пресс-служба", "Фонд развития промышленности"),
        ("Об этом сообщили в акимате Алматы.", "Акимат Алматы"),
        ("Проверку провели сотрудники прокуратуры Акмолинской области.", "Прокуратура Акмолинской области"),
        ("Решение Амурского областного суда вступило в силу.", "Амурский областной суд"),
        ("Выпускники Калининградской высшей школы управления получили дипломы.", "Калининградская высшая школа управления"),
        ("Заседание Правительства Москвы прошло во вторник.", "Правительство Москвы"),
        # a capitalized adjective the tagger takes for a name agrees all the same
        ("Ученики Жезказганской средней школы победили в олимпиаде.", "Жезказганская средняя школа"),
        # federal agencies and services by their full names and their short ones
        ("Федеральному агентству воздушного транспорта обеспечить мониторинг.", "Федеральное агентство воздушного транспорта"),
        ("Проверку провели инспекторы Росздравнадзора.", "Федеральная служба по надзору в сфере здравоохранения"),
        ("Госкорпорация «Правительство для граждан» сообщила о новых услугах.", "Правительство для граждан"),
        ("Об этом сообщает Kazpravda.kz со ссылкой на пресс-службу.", "Kazpravda.kz"),
        ("Подрядчиком выступило ТОО \"Сапа Курылыс 2007\".", "Сапа Курылыс 2007"),
        ("Совет национальной безопасности и обороны (СНБО) одобрил решение.", "Совет национальной безопасности и обороны"),
        ("Ректор Академии госуправления рассказал о наборе.", "Академия госуправления"),  # a compound word after the head
        ("Управление внутренней политики города Астаны провело встречу.", "Управление внутренней политики города Астаны"),
        ("Глава Ивановской митрополии провел службу.", "Ивановская митрополия"),  # the post is not part of the name
        # a regional body: its head, what it is of or for, its place
        ("В управлении энергетики и водоснабжения города Алматы сообщили о ремонте.",
         "Управление энергетики и водоснабжения города Алматы"),
        ("Проверку проводит департамент уголовно-исполнительной системы по городу Астане.",
         "Департамент уголовно-исполнительной системы по городу Астане"),
        ("Об этом сообщили в пресс-службе департамента по ЧС Северо-Казахстанской области.",
         "Департамент по ЧС Северо-Казахстанской области"),
        ("В управлении внутренней политики СКО сообщили о переносе рейсов.", "Управление внутренней политики СКО"),
        # another country stays in the name; the text's own country goes to the aliases
        ("Служба безопасности Украины задержала подозреваемого.", "Служба безопасности Украины"),
        ("Премьер-министр провел переговоры с Кабинетом министров Кыргызстана.", "Кабинет министров Кыргызстана"),
        ("Министерство финансов Республики Казахстан опубликовало отчет.", "Министерство финансов"),
        # the tagger reads "мэрии" after "а" as a plural nominative; a body of one city is one body
        ("Губернатор поручил министерству строительства усилить контроль, а мэрии Новосибирска представить "
         "график.", "Мэрия Новосибирска"),
        ("Вооружённые силы Черногории провели учения.", "Вооружённые силы Черногории"),
        # a ministry the model misses before its head's name in brackets
        ("2. Министерству инвестиций и развития Свердловской области (А.Ю. Ковальчик) разработать порядок.",
         "Министерство инвестиций и развития Свердловской области"),
        ("КГУ «Школа-гимназия №5» получило новое оборудование.", "Школа-гимназия №5"),
        ("Студент РГУ им. Косыгина стал волонтером.", "РГУ им. Косыгина"),  # a university, not a legal form
    ],
)
def test_organizations_canonical_name(record_of, text, name):
    record = record_of(text)
    assert name in _names(record)
    for org in record.organizations:
        for m in org.mentions:
            assert text[m.start:m.end] == m.text


def test_organizations_coordinated_ministries(record_of):
    text = ("Премьер-министр поручил министерствам национальной экономики, промышленности и строительства, "
            "финансов, холдингу «Байтерек» внести решение.")
    names = _names(record_of(text))
    for name in ("Министерство национальной экономики", "Министерство промышленности и строительства",
                 "Министерство финансов", "Байтерек"):
        assert name in names
    assert "Министерство промышленности" not in names
    assert not any(n.endswith("строительство") for n in names)


@pytest.mark.parametrize(
    "text, ministries",
    [
        ("Министерствам юстиции и финансов поручено доработать проект.", ["Министерство юстиции", "Министерство финансов"]),
        ("Министерствам здравоохранения, просвещения, а также внутренних дел следует усилить работу.",
         ["Министерство здравоохранения", "Министерство просвещения", "Министерство внутренних дел"]),
        # a department's short name before several regions: one body each
        ("Глава ведомства поручил ДЧС Акмолинской и Северо-Казахстанской областей усилить мониторинг.",
         ["Департамент по чрезвычайным ситуациям Акмолинской области",
          "Департамент по чрезвычайным ситуациям Северо-Казахстанской области"]),
    ],
)
def test_organizations_lists_split(record_of, text, ministries):
    names = _names(record_of(text))
    for name in ministries:
        assert name in names


@pytest.mark.parametrize(
    "text",
    [
        "Профильным министерствам и госорганам следует пересмотреть программы.",
        "Акиматам регионов поручено усилить контроль.",
        "В СЭЗ и ИЗ реализовано 860 проектов.",
        "ПОСТАНОВЛЯЕТ:\n1. Утвердить программу.",  # a heading of an act's items
    ],
)
def test_organizations_generic_groups_are_not_organizations(record_of, text):
    assert _names(record_of(text)) == []


def test_organizations_one_entry_per_body(record_of):
    text = "Кабмин одобрил проект. Правительство внесет его в Мажилис. Пресс-служба Правительства сообщила об этом."
    record = record_of(text)
    assert _names(record).count("Правительство") == 1
    government = next(o for o in record.organizations if o.name == "Правительство")
    assert len(government.mentions) == 3
    assert "Кабмин" in government.aliases


@pytest.mark.parametrize(
    "name, canonical",
    [
        ("Минфин", "Министерство финансов"),
        ("Министерство финансов Республики Казахстан", "Министерство финансов"),
        ("МНЭ РК", "Министерство национальной экономики"),
        ("Кабинет министров", "Правительство"),
        ("Госдума", "Государственная дума"),
        # the country's name inside a ministry's name ("Министерство Российской Федерации по ...")
        ("Министерство Российской Федерации по развитию Дальнего Востока и Арктики",
         "Министерство по развитию Дальнего Востока и Арктики"),
        ("Министерство Российской Федерации по делам гражданской обороны, чрезвычайным ситуациям и ликвидации "
         "последствий стихийных бедствий",
         "Министерство по делам гражданской обороны, чрезвычайным ситуациям и ликвидации последствий стихийных бедствий"),
    ],
)
def test_organizations_gazetteer_lookup(name, canonical):
    entry = orgs.lookup(name)
    assert entry is not None and entry.name == canonical


def test_organizations_bare_head_refers_back(record_of):
    text = ("Департамент полиции Северо-Казахстанской области начал проверку. "
            "Как сообщили в полиции, задержаны двое.")
    record = record_of(text)
    bodies = [o for o in record.organizations if o.name.startswith("Департамент полиции")]
    assert len(bodies) == 1 and len(bodies[0].mentions) == 2
    assert bodies[0].mentions[1].text == "полиции"


@pytest.mark.parametrize("text, name, mention", [
    ("Комитет по водным ресурсам подготовил прогноз. Как сообщили в ведомстве, сбросы увеличат.",
     "Комитет по водным ресурсам", "ведомстве"),
    ("Глава государства принял председателя Агентства по стратегическому планированию и реформам. "
     "Агентству поручено подготовить доклад.", "Агентство по стратегическому планированию и реформам", "Агентству"),
])
def test_organizations_a_word_for_a_body_refers_back(record_of, text, name, mention):
    (body,) = record_of(text).organizations
    assert body.name == name and body.mentions[-1].text == mention


def test_organizations_vedomstvo_of_two_bodies_is_none_of_them(record_of):
    record = record_of("Министерство финансов и Комитет государственных доходов провели проверку. "
                       "Как сообщили в ведомстве, нарушений нет.")
    assert all(m.text != "ведомстве" for o in record.organizations for m in o.mentions)


@pytest.mark.parametrize(
    "text, name, mentions",
    [
        ("Лицензию отозвали у банка «Волжский кредит», вкладчики «Волжский кредит» получат выплаты.",
         "Волжский кредит", ["Волжский кредит", "Волжский кредит"]),
        ("По данным газеты ''Вечерний Город'', мэр покинул пост.", "Вечерний Город", ["Вечерний Город"]),
        ("Решение принял Совет национальной безопасности и обороны (СНБО). Позже СНБО уточнил сроки.",
         "Совет национальной безопасности и обороны", ["Совет национальной безопасности и обороны", "СНБО", "СНБО"]),
        ("Ответственность взяли боевики «Исламского государства» (ИГ). Ранее ИГ угрожало городу.",
         "Исламское государство", ["Исламского государства", "ИГ", "ИГ"]),
        ("Тренер сборной Португалии по футболу ушел в отставку.", "Сборная Португалии", ["сборной Португалии"]),
        ("Посольство Франции выразило протест.", "Посольство Франции", ["Посольство Франции"]),
        ("Президент МОК встретился с руководством ВАДА.", "Международный олимпийский комитет", ["МОК"]),
        ("Резолюцию одобрил Совет Безопасности ООН.", "Совет Безопасности ООН", ["Совет Безопасности ООН"]),
        ("Ранее глава президентской администрации провел встречу.", "Администрация Президента",
         ["президентской администрации"]),
    ],
)
def test_organizations_mentions(record_of, text, name, mentions):
    record = record_of(text)
    org = next((o for o in record.organizations if o.name == name), None)
    assert org is not None, _names(record)
    assert [m.text for m in org.mentions] == mentions


def test_organizations_quoted_list_after_kind(record_of):
    text = "На фестивале выступят группы «Северный Ветер», «Полярная Ночь» и «Тундра»."
    names = _names(record_of(text))
    for name in ("Северный Ветер", "Полярная Ночь", "Тундра"):
        assert name in names


@pytest.mark.parametrize(
    "text",
    [
        "Он написал об этом в Twitter и Facebook, видео выложено на YouTube.",
        "Запись разошлась по Сети, ее обсуждают в Интернете.",
        "Лозунг «Вперед, к победе» звучал весь вечер.",
        # the country's name before a program's: no "федерация" named in quotes
        'Утвердить изменения в государственную программу Российской Федерации "Развитие здравоохранения".',
    ],
)
def test_organizations_services_and_slogans_are_not_organizations(record_of, text):
    assert _names(record_of(text)) == []


@pytest.mark.parametrize("text, name, mention", [
    ("Совет по совершенствованию бюджетного законодательства при Сенате провел заседание.",
     "Совет по совершенствованию бюджетного законодательства при Сенате",
     "Совет по совершенствованию бюджетного законодательства при Сенате"),
    ("Академия государственного управления при Президенте Республики Казахстан объявила набор.",
     "Академия государственного управления при Президенте",
     "Академия государственного управления при Президенте Республики Казахстан"),
])
def test_organizations_attached_with_pri_are_one_body(record_of, text, name, mention):
    (org,) = record_of(text).organizations  # the body named inside is not listed
    assert org.name == name and [m.text for m in org.mentions] == [mention]
    assert org.aliases == ([mention] if mention != name else [])  # the country-qualified form


def test_organizations_join_attached_names_the_plain_mentions_too(nlp):
    from extractor.components.organizations import OrganizationsComponent

    text = "Совет при Сенате провел заседание. Совет одобрил план. Сенат поддержал."
    doc = nlp.make_doc(text)

    def item(name, start, end_text):
        return {"start": start, "end": start + len(end_text), "name": name, "aliases": [], "kind": None}

    council = item("Совет", 0, "Совет")
    senate_inside = item("Сенат", text.index("Сенате"), "Сенате")
    council_again = item("Совет", text.index("Совет одобрил"), "Совет")
    senate = item("Сенат", text.index("Сенат поддержал"), "Сенат")
    named = [council, senate_inside, council_again, senate]
    OrganizationsComponent.join_attached(doc, named)
    assert named == [council, council_again, senate]
    assert council["name"] == council_again["name"] == "Совет при Сенате"
    assert text[council["start"]:council["end"]] == "Совет при Сенате" and senate["name"] == "Сенат"


def test_organizations_pri_before_a_non_body_joins_nothing(record_of):
    record = record_of("Министерство финансов при поддержке Всемирного банка провело семинар для бухгалтеров.")
    assert _names(record) == ["Министерство финансов", "Всемирный банк"]


@pytest.mark.parametrize("text, names", [
    # "акимат" and "маслихат" are not in the dictionary: their forms are read from the lexicon
    ("Проект реализуется акиматом Алматы совместно с подрядчиком.", ["Акимат Алматы"]),
    ("Информация предоставлена акиматом области Абай.", ["Акимат области Абай"]),
    ("Решение принято маслихатом Алматинской области.", ["Маслихат Алматинской области"]),
])
def test_organizations_domain_nouns_whatever_the_tagger_reads(record_of, text, names):
    assert _names(record_of(text)) == names


def test_organizations_a_name_ends_before_a_verb(record_of):
    assert "Совет взяты" not in _names(record_of("Многие рекомендации Совета взяты правительством в работу."))


def test_organizations_a_place_ends_where_a_person_starts(record_of):
    record = record_of("Назначить судьей Верховного Суда Республики Северная Осетия - Алания Дзуцева Артура Таймуразовича.")
    assert _names(record) == ["Верховный суд Республики Северная Осетия - Алания"]
    assert [p.name for p in record.people] == ["Артур Таймуразович Дзуцев"]


def test_organizations_a_post_is_not_a_body(record_of):
    assert _names(record_of("Аким Астаны поручил акимату Астаны подготовить отчет.")) == ["Акимат Астаны"]
    assert _names(record_of("Историки сравнили работу в администрациях четырёх президентов США за полвека.")) == []


@pytest.mark.parametrize("text, names", [
    ("Акиматам областей, городов Астаны, Алматы и Шымкента поручено обеспечить контроль.",
     ["Акимат Астаны", "Акимат Алматы", "Акимат Шымкента"]),
    ("Поручить акиматам городов Караганды, Темиртау и Балхаша завершить ремонт.",
     ["Акимат Караганды", "Акимат Темиртау", "Акимат Балхаша"]),
    ("Акимат Алматы и полиция города провели рейд.", ["Акимат Алматы"]),
    # regions named by adjectives before one noun
    ("Акиматам Алматинской, Жамбылской и Туркестанской областей поручено усилить контроль за паводками.",
     ["Акимат Алматинской области", "Акимат Жамбылской области", "Акимат Туркестанской области"]),
    ("Меморандум подписали акиматы Северо-Казахстанской и Павлодарской области.",
     ["Акимат Северо-Казахстанской области", "Акимат Павлодарской области"]),
    ("Акимат Жамбылской области провел совещание.", ["Акимат Жамбылской области"]),
])
def test_organizations_bodies_of_several_places(record_of, text, names):
    assert _names(record_of(text)) == names


@pytest.mark.parametrize("text, names", [
    ("Губернатор провел совещание с членами областного правительства.", []),
    ("Депутаты регионального парламента одобрили бюджет.", []),
    ("Решение принято на заседании Правительства Свердловской области.", ["Правительство Свердловской области"]),
])
def test_organizations_a_region_s_own_body_is_not_the_national_one(record_of, text, names):
    assert _names(record_of(text)) == names


@pytest.mark.parametrize("text, names", [
    # a table's heading, a Title Case heading: no organization
    ("Инструменты\n\nАбсорбирование ликвидности\n\nДепозитные аукционы\n\nот 1 до 6 дней", []),
    ("Об Утверждении Правил Передачи Сигналов, Образованных Спутниковыми Линиями Связи Общего Пользования\n"
     "Правительство постановляет утвердить правила.", ["Правительство"]),
    # a descriptor before a quoted name: the quoted name
    ('"Аккредитованная лаборатория "Чистая вода" проверяет пробы каждый час", - сообщили в акимате Костаная.',
     ["Чистая вода", "Акимат Костаная"]),
])
def test_organizations_not_headings_nor_descriptors(record_of, text, names):
    assert _names(record_of(text)) == names


def test_organizations_one_body_under_two_names(record_of):
    record = record_of("Саженцы раздали в акимате Шымкента. Материал предоставлен акиматом города Шымкента.")
    assert _names(record) == ["Акимат Шымкента"]
    assert record.organizations[0].aliases == ["Акимат города Шымкента"]
    assert len(record.organizations[0].mentions) == 2

    record = record_of("Карагандинский завод поставил насосы. АО \"Карагандинский завод горного оборудования\" "
                       "отправил технику в район.")
    assert [(o.name, o.aliases, len(o.mentions)) for o in record.organizations] == [
        ("Карагандинский завод горного оборудования", ["Карагандинский завод"], 2)]


def test_organizations_a_longer_name_with_capitals_is_another_body(record_of):
    record = record_of("Верховный суд рассмотрел жалобу. Ранее Верховный суд Республики Коми оставил приговор в силе.")
    assert "Верховный суд Республики Коми" in _names(record)


def test_organizations_a_head_with_words_of_its_own_is_another_body(record_of):
    record = record_of("Управление энергетики и водоснабжения города Алматы провело проверку. "
                       "Аким поручил управлению городской мобильности завершить ремонт улиц.")
    assert [m.text for o in record.organizations for m in o.mentions] == [
        "Управление энергетики и водоснабжения города Алматы"]
    # words that the body's own name holds: the same body
    record = record_of("Министерство экологии и природных ресурсов усилило охрану лесов. "
                       "Министерству экологии поручено установить системы раннего обнаружения пожаров.")
    assert _named_mentions(record) == [
        ("Министерство экологии и природных ресурсов", ["Министерство экологии и природных ресурсов",
                                                        "Министерству экологии"])]
    # the whole name again, where the model read none of it: one mention, one assignee
    record = record_of("Руководитель Управления городской мобильности Азамат Калдыбеков доложил о готовности техники. "
                       "Управлению городской мобильности поручено в недельный срок утвердить график вывоза снега.")
    assert _named_mentions(record) == [
        ("Управление городской мобильности", ["Управления городской мобильности", "Управлению городской мобильности"])]
    assert [[a.name for a in d.assignees] for d in record.directives] == [["Управление городской мобильности"]]


def test_organizations_aliases_of_the_text_s_own_country(record_of):
    ru = record_of("Председатель Правительства Михаил Мишустин поручил Правительству России и Минфину "
                   "подготовить поправки к бюджету. Объем поддержки составит 150 млрд рублей.")
    government = next(o for o in ru.organizations if o.name == "Правительство")
    assert "Правительство Российской Федерации" in government.aliases
    assert not [a for a in government.aliases if "Казахстан" in a or a.endswith(" РК")]
    kz = record_of("Премьер-министр Олжас Бектенов поручил Правительству Республики Казахстан и акиматам "
                   "выделить 5 млрд тенге. Аким Астаны доложил о ходе работ.")
    government = next(o for o in kz.organizations if o.name == "Правительство")
    assert "Правительство Республики Казахстан" in government.aliases
    assert not [a for a in government.aliases if "Росси" in a or a.endswith(" РФ")]


@pytest.mark.parametrize("text, name, mention", [
    # a country-qualified alias is its own body, not a shorter alias of another with the country after it
    ("Глава МЧС России провел совещание о паводках. Министр поручил МЧС России проверить готовность сил.",
     "Министерство по делам гражданской обороны, чрезвычайным ситуациям и ликвидации последствий стихийных бедствий",
     "МЧС России"),
    ("Депутаты Верховной Рады Украины приняли закон в первом чтении.", "Верховная Рада", "Верховной Рады Украины"),
    ("Представитель Госдепа США заявил о новых санкциях.", "Государственный департамент США", "Госдепа США"),
])
def test_organizations_a_qualified_alias_is_that_body(record_of, text, name, mention):
    assert [(o.name, [m.text for m in o.mentions]) for o in record_of(text).organizations] == [(name, [mention] * text.count(mention))]


@pytest.mark.parametrize("text, country", [
    ("Аким Астаны поручил выделить 5 млрд тенге.", "KZ"),
    ("Губернатор Москвы сообщил о выделении 3 млрд рублей.", "RU"),
    ("Министр провел совещание.", None),
])
def test_organizations_text_country(text, country):
    assert orgs.text_country(text) == country


@pytest.mark.parametrize("text, names", [
    # a chamber named at the end of its committee's name is the committee's name
    ("Комитет по международным делам, обороне и безопасности Сената одобрил закон.",
     ["Комитет по международным делам, обороне и безопасности Сената"]),
    ("Заявление опубликовал Департамент информации и печати МИД России.", ["Департамент информации и печати МИД"]),
    # what a body is for goes on over "и" where the model stopped
    ("Председатель поручил Комитету по финансам и бюджету Сената изучить поправки.",
     ["Комитет по финансам и бюджету Сената"]),
    ("Он возглавлял Комитет по регламенту и организации парламентской деятельности.",
     ["Комитет по регламенту и организации парламентской деятельности"]),
    # a body's alias at the end is that body; a parent abroad is joined
    ("Сотрудники администрации Кремля готовят послание.", ["Администрация Президента"]),
    ("Совет Безопасности ООН принял резолюцию.", ["Совет Безопасности ООН"]),
])
def test_organizations_committees_and_departments(record_of, text, names):
    assert _names(record_of(text)) == names


def test_organizations_a_ministry_of_the_text_s_own_country(record_of):
    # "Минтруд" is Kazakhstan's "... населения" in the gazetteer; a Russian text names its own
    record = record_of("Минтруд подвел итоги года. Министерство труда и социальной защиты Российской Федерации "
                       "сообщило, что выплаты получили 10 млн детей на 1,6 трлн рублей. По данным ведомства, "
                       "рост составил 8%.")
    assert _named_mentions(record) == [
        ("Министерство труда и социальной защиты",
         ["Минтруд", "Министерство труда и социальной защиты Российской Федерации", "ведомства"])]


@pytest.mark.parametrize("text, names", [
    ("Аким Кокшетау Бауыржан Гаепов провел брифинг. Пресс-секретарь городского акимата сообщила о ремонте.",
     [("Акимат Кокшетау", ["городского акимата"])]),
    ("Об этом сообщает официальный сайт столичного акимата.", [("Акимат Астаны", ["столичного акимата"])]),
    # two cities: which one's is not said
    ("Аким Кокшетау и аким Костаная обсудили сотрудничество. В городском акимате прошла встреча.", []),
    ("Аким Кокшетау Бауыржан Гаепов провел брифинг. Руководитель городского управления "
     "санитарно-эпидемиологического контроля Динара Оспанова рассказала о проверках воды.",
     [("Управление санитарно-эпидемиологического контроля города Кокшетау",
       ["городского управления санитарно-эпидемиологического контроля"])]),
    ("Аким Павлодарской области Асаин Байханов заслушал доклад начальника областного департамента полиции.",
     [("Департамент полиции Павлодарской области", ["областного департамента полиции"])]),
    ("Мэр Москвы Сергей Собянин отправил в отставку руководителя столичного департамента транспорта. "
     "Новое назначение в Москве ожидается в ноябре.",
     [("Департамент транспорта города Москвы", ["столичного департамента транспорта"])]),
    ("Губернатор Свердловской области Евгений Куйвашев провел заседание областного правительства.",
     [("Правительство Свердловской области", ["областного правительства"])]),
    ("Аким Жамбылской области провел совещание. Представитель областного акимата рассказал о ремонте.",
     [("Акимат Жамбылской области", ["областного акимата"])]),
    # the region's departments in the plural are no one body
    ("Аким Павлодарской области поручил областным управлениям здравоохранения и образования усилить работу.", []),
    # two regions: which one's is not said
    ("Аким Павлодарской области и аким Костанайской области обсудили паводки. "
     "Начальник областного департамента полиции доложил о дорогах.", []),
])
def test_organizations_a_local_body_by_its_adjective(record_of, text, names):
    assert _named_mentions(record_of(text)) == names


@pytest.mark.parametrize("text, name, mention", [
    # a body of a region's body, named by abbreviations: "ДП" is the region's police department
    ("Как сообщил начальник управления административной полиции ДП СКО Серик Альжанов, трасса закрыта.",
     "Управление административной полиции ДП СКО", "управления административной полиции ДП СКО"),
    # "полиции" is what the department is of, not the body itself
    ("Сотрудники департамента полиции ЗКО задержали подозреваемого.", "Департамент полиции ЗКО",
     "департамента полиции ЗКО"),
])
def test_organizations_the_body_a_head_noun_is_part_of(record_of, text, name, mention):
    assert _named_mentions(record_of(text)) == [(name, [mention])]


def test_organizations_the_place_an_act_was_signed_is_no_body(record_of):
    record = record_of("Указ вступает в силу со дня его подписания.\n\nПрезидент Российской Федерации "
                       "В.Путин\nМосква, Кремль\n17 августа 2002 года")
    assert _names(record) == []
    # elsewhere "Кремль" is the Administration
    assert _names(record_of("В Кремле прокомментировали решение.")) == ["Администрация Президента"]


@pytest.mark.parametrize("text, names", [
    ("Законопроект одобрен комитетом по финансам и бюджету.", [("Комитет по финансам и бюджету",
                                                             ["комитетом по финансам и бюджету"])]),
    ("Поправки внес комитет по международным делам, обороне и безопасности.",
     [("Комитет по международным делам, обороне и безопасности",
       ["комитет по международным делам, обороне и безопасности"])]),
    ("Заседание провела глава комитета по вопросам семьи, женщин и детей.",
     [("Комитет по вопросам семьи, женщин и детей", ["комитета по вопросам семьи, женщин и детей"])]),
    # a name that goes on in words these rules do not follow is not cut short
    ("Он возглавил комитет по связям с общественными организациями.", []),
])
def test_organizations_a_committee_named_in_lower_case(record_of, text, names):
    assert _named_mentions(record_of(text)) == names


@pytest.mark.parametrize("text, name, aliases, mentions", [
    ("Сотрудники департамента полиции Алматы задержали подозреваемых. Об этом сообщила официальный "
     "представитель ДП Алматы Салтанат Азирбек.",
     "Департамент полиции Алматы", ["ДП Алматы"], ["департамента полиции Алматы", "ДП Алматы"]),
    ("Матч Национальной хоккейной лиги перенесен. В НХЛ объяснили решение погодой.",
     "Национальная хоккейная лига", ["НХЛ"], ["Национальной хоккейной лиги", "НХЛ"]),
])
def test_organizations_an_abbreviation_of_a_name_in_the_text_is_that_body(record_of, text, name, aliases, mentions):
    record = record_of(text)
    assert _names(record) == [name]
    body = record.organizations[0]
    assert body.aliases == aliases
    assert [m.text for m in body.mentions] == mentions


@pytest.mark.parametrize("text, name, written", [
    ("Об этом сообщили в ДП СКО.", "Департамент полиции СКО", "ДП СКО"),
    ("Материал предоставлен УВП города Шымкент.", "Управление внутренней политики города Шымкента",
     "УВП города Шымкент"),
    ("В ДЧС Жамбылской области сообщили о пожаре.", "Департамент по чрезвычайным ситуациям Жамбылской области",
     "ДЧС Жамбылской области"),
])
def test_organizations_a_local_department_by_its_short_name_and_place(record_of, text, name, written):
    assert [(o.name, o.aliases, [m.text for m in o.mentions]) for o in record_of(text).organizations] == [
        (name, [written], [written])]


@pytest.mark.parametrize("text, mention", [
    ("Андрей Травников провел совещание в Правительстве региона", "Правительстве региона"),
    ("с членами регионального правительства", "регионального правительства"),
    ("На заседании Правительства области обсудили бюджет", "Правительства области"),
])
def test_organizations_the_government_of_the_region_is_the_region_s(record_of, text, mention):
    # a text of the Novosibirsk region: its government, not the national one
    record = record_of(f"Губернатор Новосибирской области Андрей Травников провел совещание. {text}.")
    assert _named_mentions(record) == [("Правительство Новосибирской области", [mention])]


def test_organizations_the_government_of_an_unknown_region_is_no_body(record_of):
    assert _names(record_of("Губернатор края провел совещание в Правительстве региона.")) == []


def test_organizations_a_body_named_by_its_head_and_what_it_is_of(record_of, nlp):
    # the model reads no entity here: "Комитету" opens the sentence
    record = record_of(
        "Министр здравоохранения Акмарал Альназарова провела селекторное совещание с руководителями управлений "
        "здравоохранения областей.\n\nМинистр поручила управлениям здравоохранения регионов до 1 декабря "
        "завершить вакцинацию групп риска. Комитету санитарно-эпидемиологического контроля поручено усилить "
        "надзор за соблюдением масочного режима в медицинских организациях.")
    assert _names(record) == ["Комитет санитарно-эпидемиологического контроля"]
    assert [a.name for d in record.directives for a in d.assignees][-1] == "Комитет санитарно-эпидемиологического контроля"
    # not a verbal noun, nor a department named with its place after it (the entities' work)
    headed = OrganizationsComponent.headed
    assert headed(nlp("Управление рисками требует внимания.")) == []
    assert headed(nlp("Управлению образования города Алматы поручено проверить школы.")) == []


def test_organizations_the_place_line_of_a_transcript_is_no_body(record_of):
    record = record_of("Совещание с членами Правительства\nВладимир Путин провёл совещание с членами Правительства.\n"
                       "24 ноября 2026 года, 16:00, Москва, Кремль\n\nВ.Путин: Добрый день, уважаемые коллеги!")
    assert _names(record) == ["Правительство"]


def test_organizations_a_ministry_of_the_region_by_a_generic_word(record_of):
    record = record_of("Губернатор Свердловской области Денис Паслер подписал указ о поддержке участников СВО. "
                       "Министерству образования и молодежной политики региона поручено обеспечить организацию питания.")
    # "СВО" (the military operation) is no body
    assert _names(record) == ["Министерство образования и молодежной политики Свердловской области"]


def test_organizations_a_department_of_the_region_by_a_generic_word(record_of):
    record = record_of("Аким Актюбинской области провел заседание штаба. С докладом выступил начальник Департамента по "
                       "чрезвычайным ситуациям области Нурлан Жумабаев. По информации ДЧС, подтоплены 12 домов.")
    assert _named_mentions(record) == [("Департамент по чрезвычайным ситуациям Актюбинской области",
                                        ["Департамента по чрезвычайным ситуациям области", "ДЧС"])]


def test_organizations_no_body_in_a_decree_s_title_nor_its_place_line(record_of):
    record = record_of("Токаев подписал Указ о мерах по совершенствованию системы государственного управления\n"
                       "Акорда, 20 ноября 2026 года\n\nГлава государства подписал Указ «О мерах по дальнейшему "
                       "совершенствованию системы государственного управления Республики Казахстан». Администрации "
                       "Президента поручено осуществлять мониторинг реализации Указа.")
    assert _names(record) == ["Администрация Президента"]


def test_organizations_the_bodies_of_a_russian_republic_by_the_generic_word(record_of):
    record = record_of("Глава Республики Башкортостан Радий Хабиров провел совещание в Правительстве республики. "
                       "Министерству здравоохранения республики поручено до 1 декабря открыть два фельдшерских пункта.")
    assert _names(record) == ["Правительство Республики Башкортостан", "Министерство здравоохранения Республики Башкортостан"]
    assert [a.name for d in record.directives for a in d.assignees] == ["Министерство здравоохранения Республики Башкортостан"]


def test_organizations_the_government_of_a_republic_named_by_its_adjective(record_of):
    record = record_of("Кабинету Министров Чувашской Республики поручено до 1 декабря утвердить программу.")
    assert _named_mentions(record) == [("Кабинет Министров Чувашской Республики", ["Кабинету Министров Чувашской Республики"])]


def test_organizations_the_republic_of_a_kazakhstan_text_is_the_country(record_of):
    # "республики" in a Kazakhstan release is Kazakhstan: the national Government
    record = record_of("Аким Карагандинской области провел совещание. Правительству республики поручено "
                       "подготовить доклад о паводках.")
    assert _names(record) == ["Правительство"]


def test_organizations_a_gazetteer_name_whose_lemma_has_yo(record_of):
    # the tagger's lemma of "Счетному" is "счётный"; the gazetteer's names are written with "е"
    record = record_of("Президент поручил Счетному комитету по контролю за исполнением республиканского бюджета "
                       "усилить аудит закупок.")
    assert _named_mentions(record) == [
        ("Счетный комитет", ["Счетному комитету по контролю за исполнением республиканского бюджета"])]


def test_organizations_a_body_of_another_named_short(record_of):
    # "Совет директоров" after "Совет директоров Банка России": the same board
    record = record_of("Совет директоров Банка России принял решение сохранить ключевую ставку на уровне 16,50% годовых. "
                       "Следующее заседание Совета директоров запланировано на 18 декабря 2026 года.")
    assert _named_mentions(record) == [
        ("Совет директоров Банка России", ["Совет директоров Банка России", "Совета директоров"])]


def test_organizations_a_city_s_bodies_by_the_generic_word(record_of):
    record = record_of("Аким Алматы Ерболат Досаев провел совещание по строительству школ. Досаев поручил управлению "
                       "строительства города ускорить выдачу разрешений, сообщает пресс-служба акимата города.")
    assert _names(record) == ["Управление строительства города Алматы", "Акимат Алматы"]
    assert [a.name for d in record.directives for a in d.assignees] == ["Управление строительства города Алматы"]


def test_organizations_a_committee_in_lower_case_before_a_term(record_of):
    record = record_of("Председатель Сената Маулен Ашимбаев поручил комитету по финансам и бюджету в течение месяца "
                       "провести мониторинг исполнения закона.")
    assert "Комитет по финансам и бюджету" in _names(record)
    assert [a.name for d in record.directives for a in d.assignees] == ["Комитет по финансам и бюджету"]
