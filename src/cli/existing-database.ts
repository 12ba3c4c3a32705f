import fs from "node:fs";
import { type CrosscheckDatabase, openDatabase } from "../audit/database.js";
import { CrosscheckError } from "../errors.js";

/** Opens the audit database a command reads; never creates an empty one for a read. */
export function openExistingDatabase(file: string): CrosscheckDatabase {
  if (!fs.existsSync(file)) {
    throw new CrosscheckError("USAGE", `no audit database at ${file}: run a workflow first or pass --db`);
  }
  return openDatabase(file);
}

/** Opens an existing database, hands it to `use`, and closes it afterwards. */
export function withExistingDatabase<T>(file: string, use: (database: CrosscheckDatabase) => T): T {
  const database = openExistingDatabase(file);
  try {
    return use(database);
  } finally {
    database.close();
  }
}
