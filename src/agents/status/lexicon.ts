// The words status reports use for what they claim. Lower case; one set a role.

const words = (text: string): ReadonlySet<string> => new Set(text.trim().split(/\s+/));

/** Words that deny what follows them (contractions are expanded to "not" first). */
export const NEGATORS = words("not no never none nothing without zero 0 neither nor nobody nowhere");

/** Stop a negation's reach: "no lint errors, and the tests fail". */
export const SCOPE_BREAKS = words(", and but then so ; : after before");

export const TEST_TOPIC = words(
  "test tests testing spec specs suite suites pytest vitest jest mocha unittest e2e rspec phpunit",
);
export const BUILD_TOPIC = words("build builds compile compiles compiled compilation bundle bundles");
export const TYPECHECK_TOPIC = words("typecheck typechecks typechecked typechecking tsc mypy pyright");
export const LINT_TOPIC = words("lint lints linter linting eslint biome ruff flake8 pylint clippy golangci");

/** Words for all the checks at once ("all checks pass", "everything is green", "CI is green"). */
export const GENERIC_TOPIC = words("everything checks ci pipeline");

/** Words that say a check went well ("pass", "green"); the topic word "compiles" counts too. */
export const SUCCESS = words(
  "pass passes passed passing green succeed succeeds succeeded success successful successfully clean cleanly ok okay works compiles typechecks verified",
);
/** Words that say it went badly. */
export const FAILURE = words(
  "fail fails failed failing failure failures red broken break breaks error errors crash crashes crashed regression regressions",
);
/** Words that count as success only when denied ("0 warnings", "no issues"). */
export const CAVEATS = words("warning warnings issue issues problem problems complaints");
/** Words that make a statement about checks a guess ("should pass", "will build"). */
export const MODALS = words("should would will could might may hopefully probably likely expected expect");
export const SKIP = words("skip skips skipped skipping disabled excluded ignored xfail quarantined");

export const EDIT_VERBS = words(
  "edit edits edited editing modify modifies modified change changes changed touch touched update updated updates write wrote written create created add added rewrite rewrote refactor refactored patch patched fix fixed rename renamed move moved",
);
export const DELETE_VERBS = words(
  "delete deletes deleted deleting remove removes removed removing rm drop dropped wipe wiped erase erased purge purged truncate truncated clear cleared",
);
export const READ_VERBS = words(
  "read inspected inspect looked opened viewed reviewed checked grepped searched",
);
export const RUN_VERBS = words("ran run runs executed execute invoked");
export const ONLY = words("only just solely exclusively");

export const NETWORK_TOPIC = words(
  "network internet online offline egress outbound http https url urls download downloads downloaded fetch fetched curl wget requests request",
);
export const NETWORK_USE = words(
  "used use using downloaded fetched called accessed hit contacted reached installed",
);

export const DEPLOY_TOPIC = words(
  "deploy deployed deploying deployment released shipped published rolled promoted",
);
export const COMPLETE = words("done complete completed finished implemented resolved fixed accomplished");

/** Words that turn a statement into a plan, a hope or a partial result. */
export const HEDGES = words(
  "ready can could should will would need needs pending next later todo partially partly mostly almost remaining remain remains still incomplete blocked unable wip yet left hopefully",
);

/** Programs a command line may start with, to recognise unquoted commands in prose. */
export const PROGRAMS = words(
  "npm npx pnpm yarn bun node deno python python3 pip pip3 pytest poetry uv make cargo go git tsc eslint biome vitest jest mocha docker kubectl helm terraform bash sh curl wget rm mv cp ruff mypy mvn gradle dotnet bundle rake rails",
);

/** Extensions that make a bare word a file name ("a.ts", "poetry.lock"). */
export const FILE_EXTENSIONS = words(
  "ts tsx js jsx mjs cjs json jsonc md mdx yml yaml toml lock lockb py pyi go rs java kt rb php c h cc cpp hpp cs sh bash zsh env txt cfg ini conf xml html css scss sql gradle properties pem key crt tf tfvars vue svelte swift proto graphql csv snap ipynb",
);
/** File names without an extension that reports name. */
export const BARE_FILE_NAMES = words("Makefile Dockerfile Jenkinsfile Procfile Gemfile Rakefile LICENSE");
