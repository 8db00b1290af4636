// Writes N administrative units through the public API (POST /api/v1/units), a few at a time.
// Called by bench/generate.sh, which starts the server and passes its address and a bearer token:
//   node bench/generate.mjs BASE_URL TOKEN N [CONCURRENCY]
// Shape of the data: a few provinces, districts under them, communes under the districts,
// Vietnamese names with diacritics, numeric codes in the style of the national unit codes.

const [base, token, nArg = "10000", concArg = "8"] = process.argv.slice(2);
if (!base || !token) {
  console.error("usage: node bench/generate.mjs BASE_URL TOKEN [N] [CONCURRENCY]");
  process.exit(2);
}
const total = Math.max(3, Number.parseInt(nArg, 10));
const concurrency = Math.max(1, Number.parseInt(concArg, 10));
const validFrom = "01/07/2025";

const provinceNames = [
  ["Tỉnh", "tinh", "Nghệ An"], ["Tỉnh", "tinh", "Thanh Hóa"], ["Tỉnh", "tinh", "Quảng Ngãi"],
  ["Tỉnh", "tinh", "Đắk Lắk"], ["Thành phố", "thanh_pho", "Cần Thơ"], ["Tỉnh", "tinh", "Lâm Đồng"],
  ["Tỉnh", "tinh", "Phú Thọ"], ["Thành phố", "thanh_pho", "Đà Nẵng"],
];
const districtKinds = [["Quận", "quan"], ["Huyện", "huyen"], ["Huyện", "huyen"], ["Thị xã", "thi_xa"]];
const communeKinds = [["Phường", "phuong"], ["Xã", "xa"], ["Xã", "xa"], ["Thị trấn", "thi_tran"]];
const syllables = [
  "An", "Bình", "Phú", "Hòa", "Tân", "Thạnh", "Phước", "Long", "Đông", "Tây", "Nam", "Bắc", "Hưng", "Thịnh",
  "Quang", "Trung", "Đức", "Hải", "Sơn", "Thủy", "Lộc", "Mỹ", "Vĩnh", "Xuân", "Yên", "Đồng", "Cát", "Thuận",
  "Hiệp", "Lợi", "Khánh", "Nghĩa", "Tiến", "Quý", "Ngọc", "Hồng", "Lạc", "Điền", "Châu", "Kỳ",
];

// Deterministic, so two runs give the same database.
let seed = 20251015;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (list) => list[Math.floor(random() * list.length)];
const usedNames = new Map();  // parent id → names already used under it
function placeName(parent) {
  const used = usedNames.get(parent) ?? new Set();
  usedNames.set(parent, used);
  const first = pick(syllables);
  let second = pick(syllables);
  while (second === first) second = pick(syllables);
  let name = `${first} ${second}`;
  for (let i = 2; used.has(name); ++i) name = `${name.replace(/ \d+$/, "")} ${i}`;
  used.add(name);
  return name;
}

const provinces = Math.min(provinceNames.length, Math.max(1, Math.round(total / 2000)));
const districts = Math.max(1, Math.min(total - provinces - 1, Math.round(total / 100)));
const communes = total - provinces - districts;

let sent = 0, failed = 0;
async function create(unit) {
  for (let attempt = 0; ; ++attempt) {
    const res = await fetch(`${base}/api/v1/units`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ ...unit, valid_from: validFrom }),
    });
    const text = await res.text();
    if (res.status === 201) {
      ++sent;
      return JSON.parse(text).id;
    }
    // 503 (busy database, overload): retry a few times; anything else is a bug in this script or the server.
    if (res.status >= 500 && attempt < 5) {
      await new Promise((r) => setTimeout(r, 50 * (attempt + 1)));
      continue;
    }
    ++failed;
    throw new Error(`POST /api/v1/units ${JSON.stringify(unit)} → ${res.status} ${text}`);
  }
}

// Runs the jobs with at most `concurrency` requests in flight.
async function runAll(jobs) {
  const results = new Array(jobs.length);
  let next = 0;
  async function lane() {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]();
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, lane));
  return results;
}

const started = Date.now();
const pad = (n, width) => String(n).padStart(width, "0");

const provinceIds = await runAll(
  provinceNames.slice(0, provinces).map(([prefix, kind, name], i) => () =>
    create({ code: `9${pad(i + 1, 1)}`, name: `${prefix} ${name}`, level: "province", kind })),
);
const districtIds = await runAll(
  Array.from({ length: districts }, (_, i) => () => {
    const parent = provinceIds[i % provinces];
    const [prefix, kind] = pick(districtKinds);
    return create({ code: `9${pad(i + 1, 4)}`, name: `${prefix} ${placeName(parent)}`, level: "district", kind,
                    parent_id: parent });
  }),
);
let progressAt = Date.now();
await runAll(
  Array.from({ length: communes }, (_, i) => async () => {
    const parent = districtIds[i % districts];
    const [prefix, kind] = pick(communeKinds);
    const id = await create({ code: `9${pad(i + 1, 6)}`, name: `${prefix} ${placeName(parent)}`, level: "commune",
                              kind, parent_id: parent });
    if (Date.now() - progressAt > 5000) {
      progressAt = Date.now();
      console.error(`  … ${sent}/${total} units`);
    }
    return id;
  }),
);

const seconds = (Date.now() - started) / 1000;
console.error(`created ${sent} units (${provinces} provinces, ${districts} districts, ${communes} communes) ` +
              `in ${seconds.toFixed(1)} s, ${(sent / seconds).toFixed(0)} writes/s, ${failed} failed`);
