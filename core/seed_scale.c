/*
 * seed_scale.c - benchmark-scale data for a whole civil service, generated
 * here from one seed (splitmix64 streams, never random() or the clock) and
 * streamed with COPY.  Ids are chosen here, so every foreign key is known
 * before loading; the identity sequences are moved past them afterwards.
 *
 * Shape for --orgs N --employees M: the agency CSA, N/20 ministries (M001,
 * ...), the remaining organisations (M001-O0001, ...) spread over the
 * ministries very unevenly (the biggest has about 200), one in seven
 * nested under another organisation; 8-40 departments each, some nested;
 * a staffing table per department; M people spread log-normally over the
 * organisations, in random id order (as registered over time, not org by
 * org), with employment, assignments (one in five transferred once, the two
 * periods adjacent), grade history and the sections of the personnel file.
 */
#include "seed_scale.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "admin_account.h"
#include "xalloc.h"

/* ---- deterministic randomness ------------------------------------------ */

static uint64_t splitmix(uint64_t *state)
{
	uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* A stream of its own for each (purpose, entity), independent of order. */
static uint64_t stream(uint64_t seed, uint64_t tag, uint64_t index)
{
	uint64_t s = seed ^ (tag * 0xD1342543DE82EF95ULL) ^ (index * 0x9E3779B97F4A7C15ULL);

	splitmix(&s);
	return s;
}

/* Uniform in [0, n). */
static uint32_t pick(uint64_t *rng, uint32_t n)
{
	return n == 0 ? 0 : (uint32_t)((splitmix(rng) >> 11) % n);
}

/* True with probability percent/100. */
static bool chance(uint64_t *rng, unsigned percent)
{
	return pick(rng, 100) < percent;
}

/* About N(0, 1): the sum of twelve uniforms less six (Irwin-Hall). */
static double normal(uint64_t *rng)
{
	double sum = 0;

	for (int i = 0; i < 12; i++)
		sum += (double)(splitmix(rng) >> 11) / 9007199254740992.0;
	return sum - 6.0;
}

/* exp and log without libm (the admin program links none): enough
 * precision for weights. */
static double exp_approx(double x)
{
	int k = 0;
	double term = 1, sum = 1;

	while (x > 0.5)
		x -= 0.6931471805599453, k++;
	while (x < -0.5)
		x += 0.6931471805599453, k--;
	for (int i = 1; i < 20; i++)
		sum += term *= x / i;
	for (; k > 0; k--)
		sum *= 2;
	for (; k < 0; k++)
		sum /= 2;
	return sum;
}

static double log_approx(double x)
{
	int k = 0;
	double y, y2, term, sum = 0;

	while (x > 1.5)
		x /= 2, k++;
	while (x < 0.75)
		x *= 2, k--;
	y = (x - 1) / (x + 1);
	y2 = y * y;
	term = y;
	for (int i = 1; i < 40; i += 2, term *= y2)
		sum += term / i;
	return 2 * sum + k * 0.6931471805599453;
}

enum tag { TAG_MINISTRY = 1, TAG_ORG, TAG_DEPT, TAG_PERSON, TAG_ORDER, TAG_SECTION, TAG_SLOT };

/* ---- dates as days since 1970-01-01 ------------------------------------ */

static int32_t days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

static void civil_from_days(int32_t z, int *y, int *m, int *d)
{
	z += 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;

	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

static int year_of(int32_t days)
{
	int y, m, d;

	civil_from_days(days, &y, &m, &d);
	return y;
}

#define NO_DATE INT32_MIN

/* ---- names -------------------------------------------------------------- */

enum script { KAZAKH_LATIN, CYRILLIC, HANGUL, UZBEK_LATIN, SCRIPTS };

#define COUNT(a) ((uint32_t)(sizeof(a) / sizeof((a)[0])))

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

struct name_set {
	const char *const *last, *const *male, *const *female;
	uint32_t n_last, n_male, n_female;
};

static const struct name_set name_sets[SCRIPTS] = {
	[KAZAKH_LATIN] = { kk_last, kk_male, kk_female, COUNT(kk_last), COUNT(kk_male),
	                   COUNT(kk_female) },
	[CYRILLIC] = { ru_last, ru_male, ru_female, COUNT(ru_last), COUNT(ru_male),
	               COUNT(ru_female) },
	[HANGUL] = { ko_last, ko_male, ko_female, COUNT(ko_last), COUNT(ko_male),
	             COUNT(ko_female) },
	[UZBEK_LATIN] = { uz_last, uz_male, uz_female, COUNT(uz_last), COUNT(uz_male),
	                  COUNT(uz_female) },
};

/* Writes the surname in the form for the gender into out. */
static void surname(enum script script, uint32_t i, char gender, char *out, size_t size)
{
	const char *base = name_sets[script].last[i % name_sets[script].n_last];
	size_t len = strlen(base);
	bool adds = gender == 'F' && script != HANGUL &&
	            ((script == CYRILLIC && len >= 2 &&
	              (strcmp(base + len - 2, "в") == 0 || strcmp(base + len - 2, "н") == 0)) ||
	             (script != CYRILLIC && base[len - 1] == 'v'));

	snprintf(out, size, "%s%s", base, adds ? (script == CYRILLIC ? "а" : "a") : "");
}

static const char *given_name(enum script script, uint32_t i, char gender)
{
	const struct name_set *s = &name_sets[script];

	return gender == 'F' ? s->female[i % s->n_female] : s->male[i % s->n_male];
}

/* Patronymic (Kazakh: father's name + ūly/qyzy); "" for Korean names. */
static void patronymic(enum script script, uint32_t i, char gender, char *out, size_t size)
{
	bool f = gender == 'F';

	switch (script) {
	case KAZAKH_LATIN:
		snprintf(out, size, "%s%s", kk_male[i % COUNT(kk_male)], f ? "qyzy" : "ūly");
		break;
	case CYRILLIC:
		snprintf(out, size, "%s%s", ru_father[i % COUNT(ru_father)], f ? "на" : "ич");
		break;
	case UZBEK_LATIN:
		snprintf(out, size, "%s%s", uz_father[i % COUNT(uz_father)], f ? "ovna" : "ovich");
		break;
	default:
		out[0] = '\0';
	}
}

/* ---- reference lists ------------------------------------------------------ */

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
static const char *const dept_names[] = {
	"Administration", "Human Resources", "Finance and Accounting", "Legal", "Strategic Planning",
	"Information Technology", "Internal Audit", "Procurement", "Public Relations",
	"Records Management", "International Cooperation", "Regional Coordination", "Analytics",
	"Budget", "Secretariat", "Licensing", "Inspection", "Project Office", "Statistics",
	"Methodology", "Security", "Logistics", "Property Management", "Document Control",
	"Citizens' Appeals", "Monitoring", "Quality Control", "Training", "Research",
	"Infrastructure", "Digitalisation", "Risk Management", "Public Services", "Archives",
	"Language Policy", "Mobilisation", "Staff Development", "Protocol", "Control", "Reform",
};
static const struct {
	const char *title, *grade;
} titles[] = {
	{ "Head of department", "B-3" },  { "Deputy head", "B-4" },  { "Chief specialist", "C-1" },
	{ "Leading specialist", "C-3" }, { "Specialist", "C-4" }, { "Assistant", "D-1" },
	{ "Head of sector", "C-2" },
};
enum { HEAD, DEPUTY, CHIEF, LEADING, SPECIALIST, ASSISTANT, SECTOR_HEAD };
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

/* ---- the generated service, kept in memory ------------------------------- */

struct org {
	int32_t parent;  /* index, -1 for the agency */
	int32_t ministry;
	char kind;       /* 'A', 'M', 'O' */
	int depth;
	int32_t first_person, people;
	int32_t first_dept, depts;
	int32_t first_pos, positions;
	char code[32];
	char name[120];
};

struct dept {
	int32_t org, parent; /* parent: dept index or -1 */
	uint16_t name;
	uint16_t number;
};

struct position {
	int32_t org, dept;
	uint8_t title;
	uint8_t rates2; /* rates * 2 */
};

struct person {
	int32_t org;
	int32_t birth, hire, end, transfer; /* days; end/transfer NO_DATE when none */
	int32_t pos1, pos2;
	uint16_t serial;
	uint8_t script, rate2;
	char gender;
	uint8_t last, first, middle;
	int32_t number; /* personnel number within the org */
};

struct service {
	uint64_t seed;
	int32_t n_orgs, n_ministries, n_depts, n_positions;
	long n_people;
	struct org *orgs;
	struct dept *depts;
	struct position *positions;
	struct person *people;
	uint32_t *order; /* person index for each id - 1 */
};

/* Assigns `total` over `n` weights by cumulative rounding (exact sum). */
static void apportion(const double *weights, int n, long total, int32_t *out)
{
	double sum = 0, cum = 0;
	long given = 0;

	for (int i = 0; i < n; i++)
		sum += weights[i];
	for (int i = 0; i < n; i++) {
		cum += weights[i];
		long upto = (long)((double)total * cum / sum + 0.5);
		out[i] = (int32_t)(upto - given);
		given = upto;
	}
}

static void make_orgs(struct service *s)
{
	int n = s->n_orgs, nm = s->n_ministries, n_sub = n - 1 - nm;
	double *w = xcalloc((size_t)(nm > n ? nm : n), sizeof *w);
	int32_t *per_ministry = xcalloc((size_t)nm, sizeof *per_ministry);
	int32_t *people = xcalloc((size_t)n, sizeof *people);
	uint32_t *rank = xcalloc((size_t)nm, sizeof *rank);
	uint64_t rng = stream(s->seed, TAG_MINISTRY, 0);
	int at = 0;

	/* Ministry sizes fall off as rank^-0.6; ranks shuffled among them. */
	for (int i = 0; i < nm; i++)
		rank[i] = (uint32_t)i;
	for (int i = nm - 1; i > 0; i--) {
		uint32_t j = pick(&rng, (uint32_t)i + 1), t = rank[i];
		rank[i] = rank[j];
		rank[j] = t;
	}
	for (int i = 0; i < nm; i++)
		w[i] = exp_approx(-0.6 * log_approx(rank[i] + 1.0));
	apportion(w, nm, n_sub, per_ministry);

	s->orgs = xcalloc((size_t)n, sizeof *s->orgs);
	s->orgs[0] = (struct org){ .parent = -1, .ministry = -1, .kind = 'A', .depth = 0 };
	snprintf(s->orgs[0].code, sizeof s->orgs[0].code, "CSA");
	snprintf(s->orgs[0].name, sizeof s->orgs[0].name, "Civil Service Agency");
	at = 1;
	for (int m = 0; m < nm; m++) {
		struct org *o = &s->orgs[at++];
		*o = (struct org){ .parent = 0, .ministry = m, .kind = 'M', .depth = 1 };
		snprintf(o->code, sizeof o->code, "M%03d", m + 1);
		if ((uint32_t)m < COUNT(fields))
			snprintf(o->name, sizeof o->name, "Ministry of %s", fields[m]);
		else
			snprintf(o->name, sizeof o->name, "Ministry of %s (%s)",
			         fields[m % COUNT(fields)], regions[(m / COUNT(fields)) % COUNT(regions)]);
	}
	for (int m = 0; m < nm; m++) {
		int first = at;
		for (int j = 0; j < per_ministry[m]; j++) {
			uint64_t r = stream(s->seed, TAG_ORG, (uint64_t)at);
			struct org *o = &s->orgs[at];
			int parent = 1 + m;

			/* One in seven hangs under an earlier organisation of its ministry. */
			if (j >= 3 && chance(&r, 14)) {
				int p = first + (int)pick(&r, (uint32_t)(at - first));
				if (s->orgs[p].depth == 2)
					parent = p;
			}
			*o = (struct org){ .parent = parent, .ministry = m, .kind = 'O',
				           .depth = s->orgs[parent].depth + 1 };
			snprintf(o->code, sizeof o->code, "M%03d-O%04d", m + 1, j + 1);
			snprintf(o->name, sizeof o->name, "%s %s, %s", org_kinds[pick(&r, COUNT(org_kinds))],
			         fields[m % COUNT(fields)], regions[pick(&r, COUNT(regions))]);
			at++;
		}
	}
	/* People: log-normal over the organisations, ministries and the agency larger;
	 * every organisation has at least one person. */
	for (int i = 0; i < n; i++) {
		uint64_t r = stream(s->seed, TAG_ORG, (uint64_t)i + 1000000007ULL);
		w[i] = exp_approx(0.9 * normal(&r)) * (s->orgs[i].kind == 'O' ? 1.0 : 2.5);
	}
	apportion(w, n, s->n_people - n, people);
	at = 0;
	for (int i = 0; i < n; i++) {
		s->orgs[i].first_person = at;
		s->orgs[i].people = people[i] + 1;
		at += s->orgs[i].people;
	}
	free(w);
	free(per_ministry);
	free(people);
	free(rank);
}

/* Departments and the staffing table: capacity about 1.2 rates per person. */
static void make_structure(struct service *s)
{
	size_t dept_cap = 0, pos_cap = 0;

	for (int i = 0; i < s->n_orgs; i++) {
		struct org *o = &s->orgs[i];
		uint64_t r = stream(s->seed, TAG_DEPT, (uint64_t)i);
		int d = 8 + o->people / 15 + (int)pick(&r, 8);
		int cap_per_dept;

		o->depts = d > 40 ? 40 : d;
		o->first_dept = s->n_depts;
		cap_per_dept = (12 * o->people + 10 * o->depts - 1) / (10 * o->depts) + 1;
		if ((size_t)(s->n_depts + o->depts) > dept_cap) {
			dept_cap = dept_cap * 2 + 64;
			s->depts = xrealloc(s->depts, dept_cap * sizeof *s->depts);
		}
		o->first_pos = s->n_positions;
		for (int k = 0; k < o->depts; k++) {
			struct dept *dp = &s->depts[s->n_depts];
			int parent = -1;

			if (k >= 4 && chance(&r, 25)) {
				int p = o->first_dept + (int)pick(&r, (uint32_t)k);
				if (s->depts[p].parent < 0)
					parent = p;
			}
			*dp = (struct dept){ .org = i, .parent = parent,
				             .name = (uint16_t)((i * 7 + k) % COUNT(dept_names)),
				             .number = (uint16_t)(k + 1) };
			/* Positions: head, maybe a deputy, specialists to capacity, maybe an assistant. */
			struct position list[6];
			int n = 0, left = cap_per_dept - 1;
			list[n++] = (struct position){ .title = parent < 0 ? HEAD : SECTOR_HEAD, .rates2 = 2 };
			if (left > 4) {
				list[n++] = (struct position){ .title = DEPUTY, .rates2 = 2 };
				left--;
			}
			if (left > 0) {
				int c = left / 4 > 0 ? left / 4 : 1;
				list[n++] = (struct position){ .title = CHIEF,
					                       .rates2 = (uint8_t)(2 * c + (chance(&r, 20) ? 1 : 0)) };
				left -= c;
			}
			if (left > 0) {
				int c = left / 3 > 0 ? left / 3 : 1;
				list[n++] = (struct position){ .title = LEADING, .rates2 = (uint8_t)(2 * c) };
				left -= c;
			}
			list[n++] = (struct position){ .title = SPECIALIST,
				                       .rates2 = (uint8_t)(2 * (left > 0 ? left : 1)) };
			if (chance(&r, 40))
				list[n++] = (struct position){ .title = ASSISTANT, .rates2 = 1 };
			if ((size_t)(s->n_positions + n) > pos_cap) {
				pos_cap = pos_cap * 2 + 256;
				s->positions = xrealloc(s->positions, pos_cap * sizeof *s->positions);
			}
			for (int j = 0; j < n; j++) {
				list[j].org = i;
				list[j].dept = s->n_depts;
				s->positions[s->n_positions++] = list[j];
			}
			s->n_depts++;
		}
		o->positions = s->n_positions - o->first_pos;
	}
}

/* IIN of the person (12 digits). */
static void person_iin(const struct person *p, char out[13])
{
	int y, m, d;

	civil_from_days(p->birth, &y, &m, &d);
	seed_kz_iin(y, m, d, p->gender, p->serial, out);
}

bool seed_kz_iin(int year, int month, int day, char gender, int serial, char out[13])
{
	static const int w1[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 };
	static const int w2[] = { 3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2 };
	int century = year < 1900 ? 1 : year < 2000 ? 3 : 5;
	int sum = 0, check;

	int digits[11] = { year % 100 / 10, year % 10, month / 10, month % 10, day / 10, day % 10,
		           century + (gender == 'F'), serial / 1000 % 10, serial / 100 % 10,
		           serial / 10 % 10, serial % 10 };

	for (int i = 0; i < 11; i++)
		out[i] = (char)('0' + digits[i]);
	for (int i = 0; i < 11; i++)
		sum += (out[i] - '0') * w1[i];
	if ((check = sum % 11) == 10) {
		sum = 0;
		for (int i = 0; i < 11; i++)
			sum += (out[i] - '0') * w2[i];
		if ((check = sum % 11) == 10)
			return false;
	}
	out[11] = (char)('0' + check);
	out[12] = '\0';
	return true;
}

/* People of every organisation, their dates, positions and ID serials. */
static void make_people(struct service *s)
{
	const int32_t first_hire = days_from_civil(1995, 1, 1), last_day = days_from_civil(2024, 12, 31);
	const int32_t epoch1900 = days_from_civil(1900, 1, 1);
	uint16_t *serials = xcalloc(2 * 50000, sizeof *serials);

	s->people = xcalloc((size_t)s->n_people, sizeof *s->people);
	for (int oi = 0; oi < s->n_orgs; oi++) {
		struct org *o = &s->orgs[oi];
		int slots = 0;
		int32_t *slot = NULL;

		/* Every rate of every position is a slot; people fill shuffled slots. */
		for (int j = 0; j < o->positions; j++)
			slots += (s->positions[o->first_pos + j].rates2 + 1) / 2;
		slot = xcalloc((size_t)slots, sizeof *slot);
		slots = 0;
		for (int j = 0; j < o->positions; j++)
			for (int k = 0; k < (s->positions[o->first_pos + j].rates2 + 1) / 2; k++)
				slot[slots++] = o->first_pos + j;
		uint64_t sr = stream(s->seed, TAG_SLOT, (uint64_t)oi);
		for (int k = slots - 1; k > 0; k--) {
			uint32_t j = pick(&sr, (uint32_t)k + 1);
			int32_t t = slot[k];
			slot[k] = slot[j];
			slot[j] = t;
		}
		for (int k = 0; k < o->people; k++) {
			long idx = o->first_person + k;
			struct person *p = &s->people[idx];
			uint64_t r = stream(s->seed, TAG_PERSON, (uint64_t)idx);
			unsigned sc = pick(&r, 100);
			int age;

			p->org = oi;
			p->number = k + 1;
			p->script = sc < 35 ? KAZAKH_LATIN : sc < 75 ? CYRILLIC : sc < 85 ? HANGUL : UZBEK_LATIN;
			p->gender = chance(&r, 55) ? 'F' : 'M';
			p->last = (uint8_t)pick(&r, 250);
			p->first = (uint8_t)pick(&r, 250);
			p->middle = (uint8_t)pick(&r, 250);
			/* Hires lean towards recent years (the square of a uniform). */
			double u = (double)pick(&r, 1000000) / 1e6;
			p->hire = last_day - 30 - (int32_t)((last_day - 30 - first_hire) * u * u);
			unsigned a = pick(&r, 100);
			age = a < 1 ? 16 + (int)pick(&r, 2) : a < 31 ? 18 + (int)pick(&r, 8)
			      : a < 81 ? 26 + (int)pick(&r, 20) : a < 98 ? 46 + (int)pick(&r, 15)
			                                             : 61 + (int)pick(&r, 19);
			/* Nobody over 65 still working at the end of 2024. */
			int served = (last_day - p->hire) / 365;
			if (age + served > 65)
				age = 65 - served > 16 ? 65 - served - (int)pick(&r, 3) : 16;
			if (age < 16)
				age = 16;
			p->birth = p->hire - age * 365 - age / 4 - 2 - (int32_t)pick(&r, 360);
			p->end = NO_DATE;
			p->transfer = NO_DATE;
			if (chance(&r, 10) && last_day - p->hire > 120)
				p->end = p->hire + 90 + (int32_t)pick(&r, (uint32_t)(last_day - p->hire - 90));
			int32_t until = p->end != NO_DATE ? p->end : last_day;
			p->pos1 = slot[k % slots];
			p->pos2 = -1;
			if (until - p->hire > 400 && o->positions > 1 && chance(&r, 22)) {
				p->transfer = p->hire + 180 + (int32_t)pick(&r, (uint32_t)(until - p->hire - 360));
				p->pos2 = slot[(k + o->people / 2 + 1) % slots];
				if (p->pos2 == p->pos1)
					p->pos2 = o->first_pos + (p->pos1 - o->first_pos + 1) % o->positions;
			}
			unsigned rate = pick(&r, 100);
			p->rate2 = rate < 7 ? 1 : rate < 9 ? 3 : 2;
			/* A serial per birth date and gender keeps IINs unique. */
			int day = p->birth - epoch1900;
			uint16_t *counter = &serials[(p->gender == 'F') * 50000 + (day < 0 ? 0 : day % 50000)];
			char iin[13];
			int y, m, d;
			civil_from_days(p->birth, &y, &m, &d);
			do {
				p->serial = (uint16_t)((day * 37 + (*counter)++ * 11) % 10000);
			} while (!seed_kz_iin(y, m, d, p->gender, p->serial, iin));
		}
		free(slot);
	}
	free(serials);
	/* The database refuses more people on a position than its rates (010):
	 * every position gets at least the rates of everyone ever placed on it. */
	uint16_t *need = xcalloc((size_t)s->n_positions, sizeof *need);
	for (long i = 0; i < s->n_people; i++) {
		need[s->people[i].pos1] += s->people[i].rate2;
		if (s->people[i].pos2 >= 0)
			need[s->people[i].pos2] += s->people[i].rate2;
	}
	for (int i = 0; i < s->n_positions; i++)
		if (need[i] > s->positions[i].rates2)
			s->positions[i].rates2 = (uint8_t)(need[i] < 255 ? need[i] : 255);
	free(need);

	/* Ids in random order: people are registered over time, not org by org. */
	s->order = xcalloc((size_t)s->n_people, sizeof *s->order);
	for (long i = 0; i < s->n_people; i++)
		s->order[i] = (uint32_t)i;
	uint64_t r = stream(s->seed, TAG_ORDER, 0);
	for (long i = s->n_people - 1; i > 0; i--) {
		uint32_t j = (uint32_t)((splitmix(&r) >> 11) % (uint64_t)(i + 1)), t = s->order[i];
		s->order[i] = s->order[j];
		s->order[j] = t;
	}
}

/* ---- COPY text output ------------------------------------------------------ */

struct copy {
	PGconn *conn;
	char *buf;
	size_t len, cap;
	long rows;
	bool row_start, failed;
};

static void copy_flush(struct copy *c)
{
	if (c->len > 0 && !c->failed && PQputCopyData(c->conn, c->buf, (int)c->len) != 1)
		c->failed = true;
	c->len = 0;
}

static char *copy_room(struct copy *c, size_t need)
{
	if (c->len + need > c->cap) {
		copy_flush(c);
		if (need > c->cap) {
			c->cap = need;
			c->buf = xrealloc(c->buf, c->cap);
		}
	}
	return c->buf + c->len;
}

static void field_start(struct copy *c)
{
	if (!c->row_start)
		*copy_room(c, 1) = '\t', c->len++;
	c->row_start = false;
}

/* Text with COPY's escapes for backslash, tab and line ends. */
static void put_text(struct copy *c, const char *text)
{
	size_t n = strlen(text);
	char *o;

	field_start(c);
	o = copy_room(c, 2 * n);
	for (const char *t = text; *t != '\0'; t++) {
		if (*t == '\\' || *t == '\t' || *t == '\n' || *t == '\r') {
			*o++ = '\\';
			*o++ = *t == '\t' ? 't' : *t == '\n' ? 'n' : *t == '\r' ? 'r' : '\\';
		} else {
			*o++ = *t;
		}
	}
	c->len = (size_t)(o - c->buf);
}

static void put_null(struct copy *c)
{
	field_start(c);
	memcpy(copy_room(c, 2), "\\N", 2);
	c->len += 2;
}

static void put_long(struct copy *c, long value)
{
	char tmp[24];
	int n = 0;
	unsigned long v = value < 0 ? (unsigned long)-value : (unsigned long)value;
	char *o;

	field_start(c);
	do
		tmp[n++] = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	o = copy_room(c, (size_t)n + 1);
	if (value < 0)
		*o++ = '-';
	while (n > 0)
		*o++ = tmp[--n];
	c->len = (size_t)(o - c->buf);
}

static void format_date(int32_t days, char out[11])
{
	int y, m, d;

	civil_from_days(days, &y, &m, &d);
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

static void put_date(struct copy *c, int32_t days)
{
	char text[11];

	if (days == NO_DATE) {
		put_null(c);
		return;
	}
	format_date(days, text);
	put_text(c, text);
}

/* A daterange [from, to) with to NO_DATE for an open end. */
static void put_range(struct copy *c, int32_t from, int32_t to)
{
	char a[11], b[11] = "", text[32];

	format_date(from, a);
	if (to != NO_DATE)
		format_date(to, b);
	snprintf(text, sizeof text, "[%s,%s)", a, b);
	put_text(c, text);
}

/* A number of rates given in halves: "0.5", "1", "1.5" ... */
static void put_half(struct copy *c, int halves)
{
	char text[16];

	if (halves % 2 == 0)
		snprintf(text, sizeof text, "%d", halves / 2);
	else
		snprintf(text, sizeof text, "%d.5", halves / 2);
	put_text(c, text);
}

static void row_end(struct copy *c)
{
	*copy_room(c, 1) = '\n';
	c->len++;
	c->rows++;
	c->row_start = true;
	if (c->len > (1u << 20))
		copy_flush(c);
}

/* ---- the tables -------------------------------------------------------------- */

static const int32_t NONE = NO_DATE;

static void emit_org(const struct service *s, struct copy *c)
{
	static const char *const kinds[] = { ['A'] = "agency", ['M'] = "ministry", ['O'] = "organisation" };

	for (int i = 0; i < s->n_orgs; i++) {
		const struct org *o = &s->orgs[i];

		put_long(c, i + 1);
		if (o->parent < 0)
			put_null(c);
		else
			put_long(c, o->parent + 1);
		put_text(c, o->code);
		put_text(c, o->name);
		put_text(c, kinds[(unsigned char)o->kind]);
		row_end(c);
	}
}

static void emit_org_closure(const struct service *s, struct copy *c)
{
	for (int i = 0; i < s->n_orgs; i++)
		for (int a = i, depth = 0; a >= 0; a = s->orgs[a].parent, depth++) {
			put_long(c, a + 1);
			put_long(c, i + 1);
			put_long(c, depth);
			row_end(c);
		}
}

/* The code and name of department i. */
static void department_label(const struct service *s, int i, char code[16], char name[160])
{
	const struct dept *d = &s->depts[i];

	snprintf(code, 16, "D%02d", d->number);
	if (d->parent < 0)
		snprintf(name, 160, "%s", dept_names[d->name]);
	else
		snprintf(name, 160, "%s Sector, %s", dept_names[d->name],
		         dept_names[s->depts[d->parent].name]);
}

static void emit_department(const struct service *s, struct copy *c)
{
	for (int i = 0; i < s->n_depts; i++) {
		const struct dept *d = &s->depts[i];
		char code[16], name[160];

		department_label(s, i, code, name);
		put_long(c, i + 1);
		put_long(c, d->org + 1);
		if (d->parent < 0)
			put_null(c);
		else
			put_long(c, d->parent + 1);
		put_text(c, code);
		put_text(c, name);
		put_date(c, days_from_civil(1990, 1, 1));
		row_end(c);
	}
}

static void emit_position(const struct service *s, struct copy *c)
{
	for (int i = 0; i < s->n_positions; i++) {
		const struct position *p = &s->positions[i];

		put_long(c, i + 1);
		put_long(c, p->org + 1);
		put_long(c, p->dept + 1);
		put_text(c, titles[p->title].title);
		put_text(c, titles[p->title].grade);
		put_half(c, p->rates2);
		put_date(c, days_from_civil(1990, 1, 1));
		row_end(c);
	}
}

/* The first and only version of each department and position (010): the
 * same attributes, in force from 1990 on. */
static void emit_department_version(const struct service *s, struct copy *c)
{
	for (int i = 0; i < s->n_depts; i++) {
		const struct dept *d = &s->depts[i];
		char code[16], name[160];

		department_label(s, i, code, name);
		put_long(c, i + 1);
		put_long(c, d->org + 1);
		put_long(c, i + 1);
		put_range(c, days_from_civil(1990, 1, 1), NO_DATE);
		if (d->parent < 0)
			put_null(c);
		else
			put_long(c, d->parent + 1);
		put_text(c, code);
		put_text(c, name);
		row_end(c);
	}
}

static void emit_position_version(const struct service *s, struct copy *c)
{
	for (int i = 0; i < s->n_positions; i++) {
		const struct position *p = &s->positions[i];

		put_long(c, i + 1);
		put_long(c, p->org + 1);
		put_long(c, i + 1);
		put_range(c, days_from_civil(1990, 1, 1), NO_DATE);
		put_long(c, p->dept + 1);
		put_text(c, titles[p->title].title);
		put_text(c, titles[p->title].grade);
		put_half(c, p->rates2);
		row_end(c);
	}
}

static void person_names(const struct person *p, char *last, char *middle, size_t size)
{
	surname(p->script, p->last, p->gender, last, size);
	patronymic(p->script, p->middle, p->gender, middle, size);
}

static void emit_person(const struct service *s, struct copy *c)
{
	static const char *const streets_lat[] = { "Abai avenue", "Dostyq street",
		                                   "Respublika avenue", "Tole bi street" };
	static const char *const streets_cyr[] = { "ул. Абая", "пр. Достык", "ул. Сейфуллина",
		                                   "ул. Толе би" };

	for (long i = 0; i < s->n_people; i++) {
		const struct person *p = &s->people[s->order[i]];
		uint64_t r = stream(s->seed, TAG_SECTION * 64, s->order[i]);
		char last[128], middle[128], iin[13], text[160], date[11];

		person_names(p, last, middle, sizeof last);
		person_iin(p, iin);
		put_long(c, i + 1);
		put_long(c, p->org + 1);
		put_text(c, last);
		put_text(c, given_name(p->script, p->first, p->gender));
		put_text(c, middle);
		put_date(c, p->birth);
		put_text(c, iin);
		put_text(c, p->gender == 'F' ? "F" : "M");
		put_text(c, p->script == UZBEK_LATIN && chance(&r, 30) ? "Uzbekistan"
		             : p->script == HANGUL && chance(&r, 20)   ? "Republic of Korea"
		                                                       : "Kazakhstan");
		snprintf(text, sizeof text, "+7 7%02u %03u %02u %02u", pick(&r, 100), pick(&r, 1000),
		         pick(&r, 100), pick(&r, 100));
		put_text(c, text);
		if (chance(&r, 30))
			put_text(c, "");
		else {
			snprintf(text, sizeof text, "user%ld@mail.kz", i + 1);
			put_text(c, text);
		}
		if (p->script == CYRILLIC)
			snprintf(text, sizeof text, "г. %s, %s, %u", chance(&r, 50) ? "Алматы" : "Астана",
			         streets_cyr[pick(&r, 4)], 1 + pick(&r, 200));
		else
			snprintf(text, sizeof text, "%s, %s %u", regions[pick(&r, COUNT(regions))],
			         streets_lat[pick(&r, 4)], 1 + pick(&r, 200));
		put_text(c, text);
		format_date(p->hire, date);
		snprintf(text, sizeof text, "%s 09:00:00+00", date);
		put_text(c, text);
		row_end(c);
	}
}

static void emit_employment(const struct service *s, struct copy *c)
{
	for (long i = 0; i < s->n_people; i++) {
		const struct person *p = &s->people[s->order[i]];
		char number[16];

		snprintf(number, sizeof number, "%06d", p->number);
		put_long(c, i + 1);
		put_long(c, p->org + 1);
		put_long(c, i + 1);
		put_text(c, number);
		put_date(c, p->hire);
		put_date(c, p->end);
		row_end(c);
	}
}

/* One assignment, or two adjacent ones around a transfer. */
static void emit_assignment(const struct service *s, struct copy *c)
{
	long id = 0;

	for (long i = 0; i < s->n_people; i++) {
		const struct person *p = &s->people[s->order[i]];
		int32_t end = p->end == NO_DATE ? NONE : p->end + 1;
		int32_t from[2] = { p->hire, p->transfer }, to[2] = { p->transfer, end };
		int32_t pos[2] = { p->pos1, p->pos2 };

		if (p->transfer == NO_DATE)
			to[0] = end;
		for (int k = 0; k < (p->transfer == NO_DATE ? 1 : 2); k++) {
			put_long(c, ++id);
			put_long(c, p->org + 1);
			put_long(c, i + 1);
			put_long(c, pos[k] + 1);
			put_half(c, p->rate2);
			put_range(c, from[k], to[k]);
			row_end(c);
		}
	}
}

/* Grades rise one step every few years up to the grade of the last position. */
static void emit_grade_history(const struct service *s, struct copy *c)
{
	long id = 0;

	for (long i = 0; i < s->n_people; i++) {
		const struct person *p = &s->people[s->order[i]];
		const char *final = titles[s->positions[p->pos2 >= 0 ? p->pos2 : p->pos1].title].grade;
		int32_t until = p->end == NO_DATE ? days_from_civil(2024, 12, 31) : p->end;
		int32_t end = p->end == NO_DATE ? NONE : p->end + 1;
		int steps = until - p->hire > 6 * 365 ? 3 : until - p->hire > 3 * 365 ? 2 : 1;

		for (int k = 0; k < steps; k++) {
			int32_t from = p->hire + (until - p->hire) * k / steps;
			int32_t to = k + 1 < steps ? p->hire + (until - p->hire) * (k + 1) / steps : end;
			char grade[8];

			snprintf(grade, sizeof grade, "%c-%d", final[0], final[2] - '0' + steps - 1 - k);
			put_long(c, ++id);
			put_long(c, p->org + 1);
			put_long(c, i + 1);
			put_text(c, grade);
			put_text(c, class_ranks[k + 1]);
			put_range(c, from, to);
			row_end(c);
		}
	}
}

/* The sections of the file, each person's own stream per section. */
enum section { EDUCATION, FAMILY, PRIOR, TRAINING, AWARD, PENALTY, ASSESSMENT, CONSENT };

static void emit_section(const struct service *s, struct copy *c, enum section which)
{
	const int32_t last_day = days_from_civil(2024, 12, 31);
	long id = 0;

	for (long i = 0; i < s->n_people; i++) {
		uint32_t q = s->order[i];
		const struct person *p = &s->people[q];
		uint64_t r = stream(s->seed, TAG_SECTION * 64 + 1 + which, q);
		int32_t until = p->end == NO_DATE ? last_day : p->end;
		int by = year_of(p->birth);
		char text[200], last[128];
		int n;

#define ROW_START() (put_long(c, ++id), put_long(c, p->org + 1), put_long(c, i + 1))
		switch (which) {
		case EDUCATION:
			n = 1 + chance(&r, 35);
			for (int k = 0; k < n; k++) {
				unsigned lv = pick(&r, 100);
				int level = k > 0 ? (chance(&r, 85) ? 3 : 5)
				            : lv < 3 ? 0 : lv < 13 ? 1 : lv < 65 ? 2 : lv < 80 ? 4 : lv < 98 ? 3 : 5;
				int year = by + 17 + (level >= 2) * 4 + (level == 3 || level == 5) * 2 + k * 3;
				ROW_START();
				put_text(c, institutions[pick(&r, COUNT(institutions))]);
				put_text(c, levels[level]);
				put_text(c, level == 0 ? "" : majors[pick(&r, COUNT(majors))]);
				put_long(c, year < 1940 ? 1940 : year);
				row_end(c);
			}
			break;
		case FAMILY:
			n = 0;
			if (chance(&r, 60)) {
				char g = p->gender == 'F' ? 'M' : 'F';
				surname(p->script, p->last, g, last, sizeof last);
				snprintf(text, sizeof text, "%s %s", last, given_name(p->script, pick(&r, 40), g));
				ROW_START();
				put_text(c, "spouse");
				put_text(c, text);
				put_date(c, p->birth + (int32_t)pick(&r, 3000) - 1500);
				row_end(c);
				n = (int)pick(&r, 4);
			}
			for (int k = 0; k < n; k++) {
				char g = chance(&r, 50) ? 'F' : 'M';
				surname(p->script, p->last, g, last, sizeof last);
				snprintf(text, sizeof text, "%s %s", last, given_name(p->script, pick(&r, 40), g));
				ROW_START();
				put_text(c, "child");
				put_text(c, text);
				put_date(c, p->birth + 365 * 22 + (int32_t)pick(&r, 365 * 15));
				row_end(c);
			}
			break;
		case PRIOR:
			n = (int)pick(&r, 3);
			for (int k = 0, to = p->hire - 1 - (int32_t)pick(&r, 200); k < n; k++) {
				int32_t from = to - 180 - (int32_t)pick(&r, 365 * 6);
				if (from < p->birth + 18 * 365 + 5 || from < days_from_civil(1941, 1, 1))
					break;
				ROW_START();
				put_text(c, employers[pick(&r, COUNT(employers))]);
				put_text(c, prior_positions[pick(&r, COUNT(prior_positions))]);
				put_date(c, from);
				put_date(c, to);
				put_text(c, chance(&r, 85) ? "t" : "f");
				row_end(c);
				to = from - 1 - (int32_t)pick(&r, 100);
			}
			break;
		case TRAINING:
			n = (int)pick(&r, 3) + chance(&r, 20);
			for (int k = 0; k < n && until - p->hire > 30; k++) {
				static const int hours[] = { 16, 24, 36, 72, 144 };
				int h = hours[pick(&r, 5)];
				int32_t from = p->hire + (int32_t)pick(&r, (uint32_t)(until - p->hire - 20));
				ROW_START();
				put_text(c, courses[pick(&r, COUNT(courses))]);
				put_text(c, providers[pick(&r, COUNT(providers))]);
				put_long(c, h);
				put_date(c, from);
				put_date(c, from + h / 8);
				row_end(c);
			}
			break;
		case AWARD:
			if (until - p->hire > 3 * 365 && chance(&r, 30)) {
				ROW_START();
				put_text(c, awards[pick(&r, COUNT(awards))]);
				put_date(c, p->hire + 2 * 365 + (int32_t)pick(&r, (uint32_t)(until - p->hire - 2 * 365)));
				snprintf(text, sizeof text, "Order No. %u", 1 + pick(&r, 900));
				put_text(c, text);
				row_end(c);
			}
			break;
		case PENALTY:
			if (until - p->hire > 365 && chance(&r, 2)) {
				int32_t on = p->hire + 100 + (int32_t)pick(&r, (uint32_t)(until - p->hire - 100));
				ROW_START();
				put_text(c, penalties[pick(&r, COUNT(penalties))]);
				put_date(c, on);
				put_date(c, on + 365 < last_day ? on + 365 : NONE);
				put_text(c, "Late submission of reports");
				row_end(c);
			}
			break;
		case ASSESSMENT:
			n = (until - p->hire) / (3 * 365);
			for (int k = 0; k < n && k < 3; k++) {
				unsigned res = pick(&r, 100);
				ROW_START();
				put_date(c, p->hire + (k + 1) * 3 * 365 - (int32_t)pick(&r, 60));
				put_text(c, results[res < 20 ? 0 : res < 80 ? 1 : res < 97 ? 2 : 3]);
				put_text(c, "");
				row_end(c);
			}
			break;
		case CONSENT: {
			int32_t law = days_from_civil(2013, 11, 25);
			ROW_START();
			put_date(c, p->hire > law ? p->hire : law);
			snprintf(text, sizeof text, "Consent No. %ld", i + 1);
			put_text(c, text);
			put_null(c);
			row_end(c);
			break;
		}
		}
#undef ROW_START
	}
}

static const struct table {
	const char *name;
	const char *copy_sql;
	void (*emit)(const struct service *s, struct copy *c);
	int section; /* for emit_section when emit is NULL */
} tables[] = {
	{ "org", "COPY hr.org (id, parent_id, code, name, kind) FROM STDIN", emit_org, 0 },
	{ "org_closure", "COPY hr.org_closure (ancestor, descendant, depth) FROM STDIN",
	  emit_org_closure, 0 },
	{ "department",
	  "COPY hr.department (id, org_id, parent_id, code, name, valid_from) FROM STDIN",
	  emit_department, 0 },
	{ "position",
	  "COPY hr.position (id, org_id, department_id, title, grade, rates, valid_from) FROM STDIN",
	  emit_position, 0 },
	{ "department_version",
	  "COPY hr.department_version (id, org_id, department_id, valid, parent_id, code, name) "
	  "FROM STDIN",
	  emit_department_version, 0 },
	{ "position_version",
	  "COPY hr.position_version (id, org_id, position_id, valid, department_id, title, grade, "
	  "rates) FROM STDIN",
	  emit_position_version, 0 },
	{ "person",
	  "COPY hr.person (id, org_id, last_name, first_name, middle_name, birth_date, personal_id, "
	  "gender, citizenship, phone, email, address, created_at) FROM STDIN",
	  emit_person, 0 },
	{ "employment",
	  "COPY hr.employment (id, org_id, person_id, personnel_no, hire_date, end_date) FROM STDIN",
	  emit_employment, 0 },
	{ "assignment",
	  "COPY hr.assignment (id, org_id, employment_id, position_id, rate, during) FROM STDIN",
	  emit_assignment, 0 },
	{ "grade_history",
	  "COPY hr.grade_history (id, org_id, person_id, grade, class_rank, during) FROM STDIN",
	  emit_grade_history, 0 },
	{ "education",
	  "COPY hr.education (id, org_id, person_id, institution, level, major, year_completed) "
	  "FROM STDIN",
	  NULL, EDUCATION },
	{ "family_member",
	  "COPY hr.family_member (id, org_id, person_id, relation, full_name, birth_date) FROM STDIN",
	  NULL, FAMILY },
	{ "prior_employment",
	  "COPY hr.prior_employment (id, org_id, person_id, employer, position, start_date, "
	  "end_date, counts_for_service) FROM STDIN",
	  NULL, PRIOR },
	{ "training",
	  "COPY hr.training (id, org_id, person_id, course, provider, hours, start_date, end_date) "
	  "FROM STDIN",
	  NULL, TRAINING },
	{ "award", "COPY hr.award (id, org_id, person_id, award, awarded_on, document) FROM STDIN",
	  NULL, AWARD },
	{ "penalty",
	  "COPY hr.penalty (id, org_id, person_id, penalty, imposed_on, lifted_on, reason) FROM STDIN",
	  NULL, PENALTY },
	{ "assessment",
	  "COPY hr.assessment (id, org_id, person_id, assessed_on, result, note) FROM STDIN", NULL,
	  ASSESSMENT },
	{ "consent",
	  "COPY hr.consent (id, org_id, person_id, given_on, document, withdrawn_on) FROM STDIN",
	  NULL, CONSENT },
};

/* ---- orchestration ------------------------------------------------------------ */

static const char *const existing_sql =
        "SELECT (SELECT count(*) FROM hr.org), (SELECT count(*) FROM hr.person), "
        "(SELECT string_agg(code, ', ' ORDER BY id) FROM (SELECT id, code FROM hr.org "
        "ORDER BY id LIMIT 4) o), EXISTS (SELECT 1 FROM hr.org WHERE code = 'M001')";

/* Identity sequences continue after the ids chosen here. */
static const char *const sequences_sql =
        "DO $$ DECLARE t text; m bigint; BEGIN "
        "FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'id' AND a.attidentity <> '' "
        "  WHERE n.nspname = 'hr' AND c.relkind = 'r' LOOP "
        "  EXECUTE format('SELECT max(id) FROM hr.%I', t) INTO m; "
        "  IF m IS NOT NULL THEN "
        "    PERFORM setval(pg_get_serial_sequence(format('hr.%I', t), 'id'), m); END IF; "
        "END LOOP; END $$";

/* Every foreign key of schema hr, checked in one set-based pass per key
 * (the load skipped the per-row checks). */
static const char *const foreign_keys_sql =
        "DO $$ DECLARE k record; bad bigint; BEGIN "
        "FOR k IN SELECT con.conname, con.conrelid::regclass AS child, "
        "    con.confrelid::regclass AS parent, "
        "    (SELECT string_agg(format('c.%I = p.%I', a.attname, b.attname), ' AND ') "
        "       FROM unnest(con.conkey, con.confkey) u (ck, fk) "
        "       JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = u.ck "
        "       JOIN pg_attribute b ON b.attrelid = con.confrelid AND b.attnum = u.fk) AS cond, "
        "    (SELECT string_agg(format('c.%I IS NOT NULL', a.attname), ' AND ') "
        "       FROM unnest(con.conkey) u (ck) "
        "       JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = u.ck) AS present "
        "  FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace "
        "  WHERE con.contype = 'f' AND n.nspname = 'hr' ORDER BY 1 LOOP "
        "  EXECUTE format('SELECT count(*) FROM %s c WHERE %s AND NOT EXISTS "
        "    (SELECT 1 FROM %s p WHERE %s)', k.child, k.present, k.parent, k.cond) INTO bad; "
        "  IF bad > 0 THEN RAISE EXCEPTION '% rows of % break foreign key %', "
        "    bad, k.child, k.conname; END IF; "
        "END LOOP; END $$";

/* What 008's triggers would have checked row by row: ages at hire 16-80,
 * valid IINs agreeing with birth date and gender; and, more strictly than
 * 010's, no position with more rates assigned over all time than it has.
 * A failure here is a bug in this file. */
static const char *const sanity_sql =
        "SELECT (SELECT count(*) FROM (SELECT position_id, sum(rate) AS total "
        "          FROM hr.assignment GROUP BY position_id) a JOIN hr.position p "
        "          ON p.id = a.position_id WHERE a.total > p.rates) "
        "     + (SELECT count(*) FROM hr.employment e JOIN hr.person p "
        "          ON p.org_id = e.org_id AND p.id = e.person_id "
        "         WHERE e.hire_date < p.birth_date + interval '16 years' "
        "            OR e.hire_date >= p.birth_date + interval '81 years') "
        "     + (SELECT count(*) FROM hr.person p, hr.personal_id_parse('kz_iin', p.personal_id) v "
        "         WHERE v.problem IS NOT NULL OR v.birth <> p.birth_date "
        "            OR v.gender <> p.gender)";

static const char *const scheme_sql = "UPDATE hr.service_setting SET id_scheme = 'kz_iin'";

/* A typical organisation (closest to 100 people) and the largest ministry. */
static const char *const typical_org_sql =
        "SELECT o.code, o.name, count(*) FROM hr.org o JOIN hr.person p ON p.org_id = o.id "
        " WHERE o.kind = 'organisation' GROUP BY o.id ORDER BY abs(count(*) - 100), o.id LIMIT 1";
static const char *const biggest_ministry_sql =
        "SELECT o.code, o.name, count(*) FROM hr.org o JOIN hr.org_closure c ON c.ancestor = o.id "
        " WHERE o.kind = 'ministry' GROUP BY o.id ORDER BY count(*) DESC, o.id LIMIT 1";
static const char *const people_under_sql =
        "SELECT count(*) FROM hr.person p JOIN hr.org_closure c ON c.descendant = p.org_id "
        " JOIN hr.org o ON o.id = c.ancestor WHERE o.code = $1";
static const char *const account_sql =
        "SELECT o.code FROM hr.account a JOIN hr.org o ON o.id = a.org_id WHERE a.role_name = $1";

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void phase(FILE *progress, double since, const char *what, long rows)
{
	if (progress == NULL)
		return;
	if (rows >= 0)
		fprintf(progress, "seed: %-18s %9ld rows %7.1f s\n", what, rows, now_s() - since);
	else
		fprintf(progress, "seed: %-28s %7.1f s\n", what, now_s() - since);
	fflush(progress);
}

static void service_free(struct service *s)
{
	free(s->orgs);
	free(s->depts);
	free(s->positions);
	free(s->people);
	free(s->order);
}

/* Runs `sql` on the COPY connection; false (with *detail) when it fails. */
static bool raw_command(PGconn *conn, const char *sql, char **detail)
{
	PGresult *res = PQexec(conn, sql);
	bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;

	if (!ok)
		*detail = xasprintf("%s: %s", sql, PQresultErrorMessage(res));
	PQclear(res);
	return ok;
}

/* Streams one table; false (with *detail) when the server refused it. */
static bool copy_table(PGconn *conn, const struct service *s, const struct table *t, long *rows,
                       char **detail)
{
	struct copy c = { .conn = conn, .cap = 1u << 21, .row_start = true };
	PGresult *res = PQexec(conn, t->copy_sql);
	bool ok;

	if (PQresultStatus(res) != PGRES_COPY_IN) {
		*detail = xasprintf("%s: %s", t->copy_sql, PQresultErrorMessage(res));
		PQclear(res);
		return false;
	}
	PQclear(res);
	c.buf = xmalloc(c.cap);
	if (t->emit != NULL)
		t->emit(s, &c);
	else
		emit_section(s, &c, (enum section)t->section);
	copy_flush(&c);
	free(c.buf);
	PQputCopyEnd(conn, c.failed ? "the client could not send the data" : NULL);
	res = PQgetResult(conn);
	ok = PQresultStatus(res) == PGRES_COMMAND_OK;
	if (!ok)
		*detail = xasprintf("COPY hr.%s: %s", t->name, PQresultErrorMessage(res));
	PQclear(res);
	while ((res = PQgetResult(conn)) != NULL)
		PQclear(res);
	*rows = c.rows;
	return ok;
}

/* The load itself: one transaction on its own connection. */
static bool load(const char *conninfo, const struct service *s, FILE *progress, char **detail)
{
	const char *keys[] = { "dbname", "fallback_application_name", NULL };
	const char *values[] = { conninfo, "hrmis-admin seed", NULL };
	PGconn *conn = PQconnectdbParams(keys, values, 1);
	bool ok = PQstatus(conn) == CONNECTION_OK;

	if (!ok)
		*detail = xasprintf("cannot open the COPY connection: %s", PQerrorMessage(conn));
	/* Replica mode: no per-row triggers (audit, closure, foreign keys) during the load. */
	ok = ok && raw_command(conn, "BEGIN", detail) &&
	     raw_command(conn, "SET LOCAL session_replication_role = replica", detail);
	for (size_t i = 0; ok && i < COUNT(tables); i++) {
		double t0 = now_s();
		long rows = 0;

		ok = copy_table(conn, s, &tables[i], &rows, detail);
		if (ok)
			phase(progress, t0, tables[i].name, rows);
	}
	if (ok) {
		double t0 = now_s();
		ok = raw_command(conn, "COMMIT", detail);
		phase(progress, t0, "commit", -1);
	}
	PQfinish(conn);
	return ok;
}

/* Creates `name` (kind at the org) unless it exists; prints where it is. */
static enum status bench_login(struct db *db, FILE *out, const char *name, const char *kind,
                               const char *code, const char *org_name, const char *people)
{
	const char *params[] = { name };
	PGresult *res = db_exec(db, account_sql, 1, params);
	enum status status = STATUS_OK;

	if (res == NULL)
		return db_status(db);
	if (PQntuples(res) == 0)
		status = admin_account_add(db, name, code, kind);
	else if (strcmp(db_value(res, 0, 0), code) != 0)
		fprintf(out, "note: %s already exists at %s\n", name, db_value(res, 0, 0));
	db_result_free(&res);
	if (status == STATUS_OK)
		fprintf(out, "login %-15s %-8s of %s (%s): %s people\n", name, kind, code, org_name,
		        people);
	return status;
}

static enum status make_logins(struct db *db, FILE *out)
{
	PGresult *org = db_exec(db, typical_org_sql, 0, NULL), *ministry = NULL, *count = NULL;
	enum status status = STATUS_OK;

	if (org == NULL || (ministry = db_exec(db, biggest_ministry_sql, 0, NULL)) == NULL) {
		db_result_free(&org);
		return db_status(db);
	}
	const char *params[] = { db_value(ministry, 0, 0) };
	if ((count = db_exec(db, people_under_sql, 1, params)) == NULL)
		status = db_status(db);
	if (status == STATUS_OK)
		status = bench_login(db, out, "bench_clerk", "clerk", db_value(org, 0, 0),
		                     db_value(org, 0, 1), db_value(org, 0, 2));
	if (status == STATUS_OK)
		status = bench_login(db, out, "bench_head", "head", db_value(org, 0, 0),
		                     db_value(org, 0, 1), db_value(org, 0, 2));
	if (status == STATUS_OK) {
		char *people = xasprintf("%s organisations, %s", db_value(ministry, 0, 2),
		                         db_value(count, 0, 0));
		status = bench_login(db, out, "bench_ministry", "ministry", db_value(ministry, 0, 0),
		                     db_value(ministry, 0, 1), people);
		free(people);
	}
	db_result_free(&org);
	db_result_free(&ministry);
	db_result_free(&count);
	return status;
}

/* Everything after the load; safe to repeat. */
static enum status finish(struct db *db, FILE *out, FILE *progress, char **detail)
{
	double t0 = now_s();
	PGresult *res;
	enum status status;

	if ((status = db_command(db, scheme_sql, 0, NULL)) != STATUS_OK ||
	    (status = db_command(db, sequences_sql, 0, NULL)) != STATUS_OK)
		return status;
	phase(progress, t0, "id scheme, sequences", -1);
	t0 = now_s();
	if ((status = db_command(db, foreign_keys_sql, 0, NULL)) != STATUS_OK)
		return status;
	if ((res = db_exec(db, sanity_sql, 0, NULL)) == NULL)
		return db_status(db);
	if (strcmp(db_value(res, 0, 0), "0") != 0) {
		*detail = xasprintf("%s rows break the rules of 008_validation.sql (age at hire, "
		                    "IIN) or 010_structure.sql (rates)", db_value(res, 0, 0));
		db_result_free(&res);
		return STATUS_DB_INVALID;
	}
	db_result_free(&res);
	phase(progress, t0, "foreign keys, IINs checked", -1);
	t0 = now_s();
	/* What autovacuum would soon do after the inserts: statistics, and the
	 * visibility map that index-only scans need. */
	if ((status = db_command(db, "VACUUM (ANALYZE)", 0, NULL)) != STATUS_OK)
		return status;
	phase(progress, t0, "vacuum, analyze", -1);
	return make_logins(db, out);
}

enum status seed_scale(struct db *db, const char *conninfo, const struct seed_scale_options *opt,
                       FILE *out, FILE *progress, bool *already_loaded, char **detail)
{
	struct service s = { .seed = opt->seed, .n_orgs = opt->orgs, .n_people = opt->employees };
	double start = now_s(), t0;
	PGresult *res;
	enum status status;

	*already_loaded = false;
	*detail = NULL;
	if (opt->orgs < 3 || opt->orgs > 100000 || opt->employees < opt->orgs ||
	    opt->employees > 20000000) {
		*detail = xasprintf("--orgs must be 3-100000 and --employees at least --orgs "
		                    "(at most 20000000)");
		return STATUS_USAGE;
	}
	s.n_ministries = opt->orgs / 20 > 0 ? opt->orgs / 20 : 1;
	if ((res = db_exec(db, existing_sql, 0, NULL)) == NULL)
		return db_status(db);
	long orgs = atol(db_value(res, 0, 0)), people = atol(db_value(res, 0, 1));
	if (orgs > 0) {
		bool same = orgs == opt->orgs && people == opt->employees &&
		            strcmp(db_value(res, 0, 3), "t") == 0;
		if (!same)
			*detail = xasprintf("the database already holds %ld organisations (%s ...) and "
			                    "%ld people; seed --orgs needs an empty migrated database and "
			                    "does not mix with other data, such as seed --demo",
			                    orgs, db_value(res, 0, 2), people);
		db_result_free(&res);
		if (!same)
			return STATUS_DB_DUPLICATE;
		*already_loaded = true;
		return finish(db, out, progress, detail);
	}
	db_result_free(&res);

	t0 = now_s();
	make_orgs(&s);
	make_structure(&s);
	make_people(&s);
	if (progress != NULL)
		fprintf(progress, "seed: generated %d organisations, %d departments, %d positions, %ld "
		                  "people (seed %llu)\n",
		        s.n_orgs, s.n_depts, s.n_positions, s.n_people, (unsigned long long)s.seed);
	phase(progress, t0, "generate", -1);
	if (!load(conninfo, &s, progress, detail)) {
		service_free(&s);
		return STATUS_DB_ERROR;
	}
	service_free(&s);
	status = finish(db, out, progress, detail);
	if (progress != NULL && status == STATUS_OK)
		fprintf(progress, "seed: done in %.1f s\n", now_s() - start);
	return status;
}
