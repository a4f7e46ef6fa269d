// A Node generator of the dblstreamgen quick-start schema using @faker-js/faker, the library most
// JavaScript data generators build on. Prints COUNT JSON lines.
import { faker } from "@faker-js/faker";

const count = Number(process.argv[2]);
const types = [
  { weight: 0.5, value: "user.session.start" },
  { weight: 0.3, value: "user.purchase" },
  { weight: 0.2, value: "user.session.end" },
];
const devices = [
  { weight: 0.4, value: "iOS" },
  { weight: 0.4, value: "Android" },
  { weight: 0.2, value: "Web" },
];

function event() {
  const kind = faker.helpers.weightedArrayElement(types);
  const e = { event_type_id: kind, user_id: faker.number.int({ min: 1, max: 1000000 }) };
  if (kind === "user.session.start") {
    e.session_id = faker.string.uuid();
    e.device_type = faker.helpers.weightedArrayElement(devices);
  } else if (kind === "user.purchase") {
    e.transaction_id = faker.string.uuid();
    e.amount = faker.number.float({ min: 0.99, max: 999.99 });
  } else {
    e.session_duration_sec = faker.number.int({ min: 60, max: 7200 });
  }
  return e;
}

const lines = [];
for (let i = 0; i < count; i++) {
  lines.push(JSON.stringify(event()));
  if (lines.length === 4096) {
    process.stdout.write(lines.join("\n") + "\n");
    lines.length = 0;
  }
}
if (lines.length) process.stdout.write(lines.join("\n") + "\n");
