import { defineConfig } from "drizzle-kit";

// `npm run db:generate` writes a new migration into src/audit/migrations after a schema change.
// Commit the generated files: `openDatabase` applies them at start-up.
export default defineConfig({
  dialect: "sqlite",
  schema: "./src/audit/schema.ts",
  out: "./src/audit/migrations",
});
