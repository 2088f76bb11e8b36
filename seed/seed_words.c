/*
 * seed_words.c - the names and reference lists of the benchmark seed (see
 * seed_words.h).  Changing any list changes the data every seed produces.
 */
#include "seed_words.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "seed_random.h"

/* ---- names -------------------------------------------------------------- */

/* The lists keep their hand-packed layout. */
/* clang-format off */
/* Kazakh in the Latin alphabet of 2021; female surnames add "a". */
static const char *const kk_last[] = {
	"Ahmetov", "Nūrlanov", "Qasymov", "Äbdirov", "Seitov", "Jūmabaev", "Täjibaev", "Ospanov",
	"Smaiylov", "Baiğaliev", "Tökenov", "Omarov", "Esenov", "Şäkenov", "Ysqaqov", "Mūqanov",
	"Särsenov", "Ermekov", "Bekmūhamedov", "Qaliev", "Orazbaev", "Dosmūhamedov", "Ibraev",
	"Sūltanbekov",
};
static const char *const kk_male[] = {
	"Nūrlan", "Asqar", "Erlan", "Däuren", "Serik", "Bauyrjan", "Arman", "Qairat", "Marat",
	"Temirlan", "Aidos", "Älibek", "Rūslan", "Ğalym", "Janbolat", "Sanjar", "Bolat", "Şyñğys",
	"Madi", "Ersain",
};
static const char *const kk_female[] = {
	"Aigerim", "Ainūr", "Gülnar", "Jansaia", "Dana", "Äsel", "Säule", "Gülmira", "Ardaq",
	"Möldir", "Aruna", "Tomiris", "Şolpan", "Jūldyz", "Kamila", "Zarina", "Aqbota", "Dinara",
	"Nazerke", "Ainagül",
};

/* Russian and Kazakh surnames in Cyrillic; those ending in в or н add "а"
 * for women, the Koryo-saram ones (Ким, Пак, Цой, Ли) do not change. */
static const char *const ru_last[] = {
	"Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов",
	"Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров",
	"Павлов", "Козлов", "Степанов", "Николаев", "Ахметов", "Сулейменов", "Жумабаев",
	"Нурланов", "Қасымов", "Әбдіров", "Ким", "Пак", "Цой", "Ли",
};
static const char *const ru_male[] = {
	"Иван", "Алексей", "Дмитрий", "Сергей", "Андрей", "Михаил", "Николай", "Владимир",
	"Александр", "Евгений", "Павел", "Олег", "Юрий", "Виктор", "Нурлан", "Асхат", "Ерлан",
	"Марат", "Тимур", "Руслан",
};
static const char *const ru_female[] = {
	"Мария", "Ольга", "Елена", "Анна", "Татьяна", "Наталья", "Ирина", "Светлана", "Екатерина",
	"Юлия", "Айгерим", "Гульнара", "Динара", "Асель", "Сауле", "Жанна", "Алия", "Дина",
	"Камила", "Людмила",
};
/* Patronymic stems: + "ич" for a son, + "на" for a daughter. */
static const char *const ru_father[] = {
	"Иванов", "Алексеев", "Дмитриев", "Сергеев", "Андреев", "Михайлов", "Николаев",
	"Владимиров", "Александров", "Евгеньев", "Павлов", "Олегов", "Юрьев", "Викторов",
	"Нурланов", "Маратов", "Тимуров", "Русланов", "Петров", "Фёдоров",
};

static const char *const ko_last[] = {
	"김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신",
	"권", "황", "안", "송", "류", "홍", "남궁", "선우", "제갈", "황보",
};
static const char *const ko_male[] = {
	"민준", "서준", "도윤", "예준", "시우", "하준", "주원", "지호", "지후", "준서",
	"현우", "건우", "우진", "성민", "영호", "정훈", "동현", "상철", "재혁", "태양",
};
static const char *const ko_female[] = {
	"서연", "서윤", "지우", "서현", "민서", "하은", "하윤", "윤서", "지유", "지민",
	"채원", "수빈", "은지", "미영", "혜진", "지영", "수진", "은영", "예린", "다은",
};

static const char *const uz_last[] = {
	"Karimov", "Yusupov", "Rahimov", "Tursunov", "Aliyev", "Saidov", "Nazarov", "Ismoilov",
	"Xolmatov", "Qodirov", "Umarov", "Mirzayev", "Sobirov", "Ergashev",
};
static const char *const uz_male[] = {
	"Jasur", "Bekzod", "Sardor", "Otabek", "Aziz", "Shavkat", "Rustam", "Farrux", "Sherzod",
	"Ulugbek",
};
static const char *const uz_female[] = {
	"Dilnoza", "Malika", "Nodira", "Gulnora", "Shahnoza", "Zarina", "Madina", "Feruza",
	"Nilufar", "Kamola",
};
/* Patronymic stems: + "ovich" / "ovna". */
static const char *const uz_father[] = {
	"Karim", "Rustam", "Aziz", "Shavkat", "Bahodir", "Anvar", "Akmal", "Jamshid",
};

/* clang-format on */

struct name_set {
	const char *const *last, *const *male, *const *female;
	uint32_t n_last, n_male, n_female;
};

static const struct name_set name_sets[SEED_SCRIPTS] = {
	[SEED_KAZAKH_LATIN] = { kk_last, kk_male, kk_female, SEED_COUNT(kk_last),
	                        SEED_COUNT(kk_male), SEED_COUNT(kk_female) },
	[SEED_CYRILLIC] = { ru_last, ru_male, ru_female, SEED_COUNT(ru_last), SEED_COUNT(ru_male),
	                    SEED_COUNT(ru_female) },
	[SEED_HANGUL] = { ko_last, ko_male, ko_female, SEED_COUNT(ko_last), SEED_COUNT(ko_male),
	                  SEED_COUNT(ko_female) },
	[SEED_UZBEK_LATIN] = { uz_last, uz_male, uz_female, SEED_COUNT(uz_last),
	                       SEED_COUNT(uz_male), SEED_COUNT(uz_female) },
};

void seed_words_surname(enum seed_script script, uint32_t i, char gender, char *out, size_t size)
{
	const char *base = name_sets[script].last[i % name_sets[script].n_last];
	size_t len = strlen(base);
	bool adds = gender == 'F' && script != SEED_HANGUL &&
	            ((script == SEED_CYRILLIC && len >= 2 &&
	              (strcmp(base + len - 2, "в") == 0 || strcmp(base + len - 2, "н") == 0)) ||
	             (script != SEED_CYRILLIC && base[len - 1] == 'v'));

	snprintf(out, size, "%s%s", base, adds ? (script == SEED_CYRILLIC ? "а" : "a") : "");
}

const char *seed_words_given_name(enum seed_script script, uint32_t i, char gender)
{
	const struct name_set *s = &name_sets[script];

	return gender == 'F' ? s->female[i % s->n_female] : s->male[i % s->n_male];
}

void seed_words_patronymic(enum seed_script script, uint32_t i, char gender, char *out, size_t size)
{
	bool f = gender == 'F';

	switch (script) {
	case SEED_KAZAKH_LATIN:
		snprintf(out, size, "%s%s", kk_male[i % SEED_COUNT(kk_male)], f ? "qyzy" : "ūly");
		break;
	case SEED_CYRILLIC:
		snprintf(out, size, "%s%s", ru_father[i % SEED_COUNT(ru_father)], f ? "на" : "ич");
		break;
	case SEED_UZBEK_LATIN:
		snprintf(out, size, "%s%s", uz_father[i % SEED_COUNT(uz_father)],
		         f ? "ovna" : "ovich");
		break;
	default:
		out[0] = '\0';
	}
}

/* ---- reference lists ------------------------------------------------------ */

/* clang-format off */
static const char *const fields[] = {
	"Health", "Education and Science", "Finance", "Justice", "Energy", "Agriculture",
	"Labour and Social Protection", "Culture and Sport", "Transport", "Industry",
	"Digital Development", "Ecology", "Foreign Affairs", "Internal Affairs", "Defence",
	"National Economy", "Trade and Integration", "Emergency Situations", "Water Resources",
	"Information", "Tourism", "Construction", "Science and Higher Education", "Family Affairs",
};
static const char *const org_kinds[] = {
	"Committee for", "Agency for", "Regional Department of", "Inspectorate of",
	"Institute of", "Centre for", "Service of", "Directorate of",
};
static const char *const regions[] = {
	"Astana", "Almaty", "Shymkent", "Aqtöbe", "Qarağandy", "Pavlodar", "Atyrau", "Oral",
	"Qostanai", "Taraz", "Semei", "Türkistan", "Aqtau", "Kökşetau", "Petropavl", "Taldyqorğan",
	"Qyzylorda", "Öskemen", "Jezqazğan", "Ekibastūz",
};
static const char *const departments[] = {
	"Administration", "Human Resources", "Finance and Accounting", "Legal", "Strategic Planning",
	"Information Technology", "Internal Audit", "Procurement", "Public Relations",
	"Records Management", "International Cooperation", "Regional Coordination", "Analytics",
	"Budget", "Secretariat", "Licensing", "Inspection", "Project Office", "Statistics",
	"Methodology", "Security", "Logistics", "Property Management", "Document Control",
	"Citizens' Appeals", "Monitoring", "Quality Control", "Training", "Research",
	"Infrastructure", "Digitalisation", "Risk Management", "Public Services", "Archives",
	"Language Policy", "Mobilisation", "Staff Development", "Protocol", "Control", "Reform",
};
static const char *const institutions[] = {
	"Al-Farabi Kazakh National University", "L.N. Gumilyov Eurasian National University",
	"Казахский национальный технический университет", "Satbayev University",
	"Nazarbayev University", "KIMEP University", "Karaganda Buketov University",
	"Московский государственный университет", "Tashkent State University of Economics",
	"서울대학교", "Academy of Public Administration", "Qostanai State Pedagogical University",
	"Almaty Technological College", "Школа-гимназия № 5",
};
static const char *const majors[] = {
	"Economics", "Law", "Public Administration", "Accounting and Audit", "Computer Science",
	"Finance", "Pedagogy", "Philology", "Civil Engineering", "Ecology", "Medicine",
	"International Relations", "Экономика", "Юриспруденция",
};
static const char *const levels[] = {
	"secondary", "vocational", "bachelor", "master", "specialist", "doctorate",
};
static const char *const employers[] = {
	"JSC Kazakhtelecom", "JSC Samruk-Kazyna", "Akimat of Almaty", "School No. 12",
	"LLP Qazaq Construction", "City Hospital No. 4", "ТОО «Арман»", "АО «Казпочта»",
	"Halyk Bank", "KEGOC", "Regional Court", "Tax Committee",
};
static const char *const prior_positions[] = {
	"Engineer", "Accountant", "Teacher", "Lawyer", "Economist", "Manager", "Инженер",
	"Бухгалтер", "Analyst", "Clerk",
};
static const char *const courses[] = {
	"Anti-corruption standards", "Public service ethics", "Project management",
	"Digital government services", "State language (Kazakh), B2", "Budget planning",
	"Personal data protection", "Leadership in public service", "Повышение квалификации",
	"Legal drafting",
};
static const char *const providers[] = {
	"Academy of Public Administration", "Civil Service Agency", "Astana Hub",
	"Nazarbayev University School of Government",
};
static const char *const awards[] = {
	"Certificate of Honour", "Medal \"For Distinguished Service\"",
	"Letter of Gratitude of the Minister", "Badge \"Honoured Civil Servant\"",
	"Jubilee medal",
};
static const char *const penalties[] = { "Remark", "Reprimand", "Severe reprimand" };
static const char *const results[] = { "excellent", "good", "satisfactory", "unsatisfactory" };
static const char *const class_ranks[] = {
	"", "3rd class rank", "2nd class rank", "1st class rank",
};
/* clang-format on */

const struct seed_words seed_words_fields = { fields, SEED_COUNT(fields) };
const struct seed_words seed_words_org_kinds = { org_kinds, SEED_COUNT(org_kinds) };
const struct seed_words seed_words_regions = { regions, SEED_COUNT(regions) };
const struct seed_words seed_words_departments = { departments, SEED_COUNT(departments) };
const struct seed_words seed_words_institutions = { institutions, SEED_COUNT(institutions) };
const struct seed_words seed_words_majors = { majors, SEED_COUNT(majors) };
const struct seed_words seed_words_levels = { levels, SEED_COUNT(levels) };
const struct seed_words seed_words_employers = { employers, SEED_COUNT(employers) };
const struct seed_words seed_words_prior_positions = { prior_positions,
	                                               SEED_COUNT(prior_positions) };
const struct seed_words seed_words_courses = { courses, SEED_COUNT(courses) };
const struct seed_words seed_words_providers = { providers, SEED_COUNT(providers) };
const struct seed_words seed_words_awards = { awards, SEED_COUNT(awards) };
const struct seed_words seed_words_penalties = { penalties, SEED_COUNT(penalties) };
const struct seed_words seed_words_results = { results, SEED_COUNT(results) };
const struct seed_words seed_words_class_ranks = { class_ranks, SEED_COUNT(class_ranks) };

const struct seed_words_title seed_words_titles[SEED_TITLES] = {
	[SEED_TITLE_HEAD] = { "Head of department", "B-3" },
	[SEED_TITLE_DEPUTY] = { "Deputy head", "B-4" },
	[SEED_TITLE_CHIEF] = { "Chief specialist", "C-1" },
	[SEED_TITLE_LEADING] = { "Leading specialist", "C-3" },
	[SEED_TITLE_SPECIALIST] = { "Specialist", "C-4" },
	[SEED_TITLE_ASSISTANT] = { "Assistant", "D-1" },
	[SEED_TITLE_SECTOR_HEAD] = { "Head of sector", "C-2" },
};

const char *seed_words_pick(const struct seed_words *list, uint64_t *rng)
{
	return list->word[seed_random_pick(rng, list->count)];
}
