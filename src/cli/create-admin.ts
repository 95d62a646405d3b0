// Creates the first admin (functioneel beheerder) of a production installation.
// Interactive, or non-interactive with KOERS_ADMIN_USERNAME, KOERS_ADMIN_NAME and KOERS_ADMIN_PASSWORD.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { openDatabase } from '../db/connection.js';
import { migrate } from '../db/migrate.js';
import { createUser, findUserByUsername } from '../db/users.js';
import { hashPassword } from '../lib/passwords.js';

const env = process.env;
const databasePath = resolve(env.DATABASE_PATH ?? 'data/koers.db');

async function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
  }
}

const username = env.KOERS_ADMIN_USERNAME ?? (await ask('Gebruikersnaam: '));
const displayName = env.KOERS_ADMIN_NAME ?? (await ask('Volledige naam: '));
const password = env.KOERS_ADMIN_PASSWORD ?? (await ask('Wachtwoord (minstens 12 tekens): '));

if (!/^[a-zA-Z0-9._-]{3,50}$/.test(username)) {
  console.error('De gebruikersnaam moet 3 tot 50 tekens zijn: letters, cijfers, punt, streep of underscore.');
  process.exit(1);
}
if (!displayName) {
  console.error('Vul een naam in.');
  process.exit(1);
}
if (password.length < 12) {
  console.error('Het wachtwoord moet minstens 12 tekens lang zijn.');
  process.exit(1);
}

mkdirSync(dirname(databasePath), { recursive: true });
const db = openDatabase(databasePath);
migrate(db);
if (findUserByUsername(db, username)) {
  console.error(`Er bestaat al een gebruiker met de naam ${username}.`);
  process.exit(1);
}
const now = new Date().toISOString();
createUser(db, { username, displayName, role: 'admin', teamId: null, passwordHash: await hashPassword(password) }, now);
db.close();
console.log(`Beheerder ${username} aangemaakt in ${databasePath}.`);
