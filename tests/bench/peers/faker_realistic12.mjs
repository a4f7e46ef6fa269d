// A Node generator of tests/bench/schemas/realistic12.yaml using @faker-js/faker. Prints COUNT JSON
// lines with the same 12 fields and value shapes as streamgen.
import { faker } from "@faker-js/faker";

const count = Number(process.argv[2]);
const start = Date.parse("2024-01-01T00:00:00Z");
const statuses = [
  { weight: 80, value: "ok" },
  { weight: 15, value: "pending" },
  { weight: 5, value: "failed" },
];
const round2 = (x) => Math.round(x * 100) / 100;

// faker has no normal distribution: Box-Muller on faker's own uniform draws keeps the seed in
// charge, and redrawing outside the range truncates rather than piling mass on the bounds.
function normal(mean, stddev, min, max) {
  for (;;) {
    const u = 1 - faker.number.float(); // (0, 1]: log(0) is -Infinity
    const x = mean + stddev * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * faker.number.float());
    if (x >= min && x <= max) return x;
  }
}

function event(i) {
  const amount = round2(normal(50, 15, 0, 200));
  return {
    event_type_id: "order",
    order_id: i + 1,
    // fullName() adds a prefix or suffix to about a quarter of names; streamgen writes "First Last".
    customer: `${faker.person.firstName()} ${faker.person.lastName()}`,
    // internet.email() varies the separator and case; streamgen writes first.last<0-99>@provider.
    email: `${faker.person.firstName()}.${faker.person.lastName()}${faker.number.int(99)}@${
      faker.helpers.arrayElement(faker.definitions.internet.free_email)}`.toLowerCase(),
    phone: `(${faker.string.numeric(3)})-${faker.string.numeric(3)}-${faker.string.numeric(4)}`,
    amount,
    status: faker.helpers.weightedArrayElement(statuses),
    total: round2(amount * 1.08),
    city: faker.location.city(),
    ip: faker.internet.ipv4(),
    quantity: faker.number.int({ min: 1, max: 10 }),
    gift: faker.datatype.boolean({ probability: 0.1 }),
    created_at: new Date(start + i * 1000).toISOString(),
  };
}

faker.seed(12);
// Large writes keep the peer's cost in generation, not in per-line system calls.
const lines = [];
for (let i = 0; i < count; i++) {
  lines.push(JSON.stringify(event(i)));
  if (lines.length === 10000) {
    process.stdout.write(lines.join("\n") + "\n");
    lines.length = 0;
  }
}
if (lines.length) process.stdout.write(lines.join("\n") + "\n");
