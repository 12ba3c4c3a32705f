/**
 * Widely used npm package names: a dependency one edit away from one of these (and not itself
 * on the list) is reported as a possible typosquat. Hand-picked from the most depended-upon and
 * most downloaded packages; extend it with `dependencyProvenance({ popular: [...] })`.
 */
export const POPULAR_NPM: readonly string[] = `
react react-dom react-router react-router-dom redux react-redux next vue vue-router vuex nuxt angular
svelte preact jquery lodash lodash-es underscore ramda moment dayjs date-fns luxon axios node-fetch
got request superagent express koa fastify hapi restify connect body-parser cookie-parser cors helmet
morgan multer passport jsonwebtoken bcrypt bcryptjs crypto-js uuid nanoid chalk commander yargs minimist
inquirer ora debug dotenv cross-env rimraf mkdirp glob minimatch fs-extra graceful-fs chokidar semver
typescript ts-node tsx tslib babel-loader webpack webpack-cli rollup vite esbuild parcel gulp grunt
eslint prettier jest mocha chai sinon vitest karma jasmine ava supertest nyc istanbul cypress playwright
puppeteer electron socket.io socket.io-client ws mongoose mongodb mysql mysql2 pg sequelize typeorm
prisma knex redis ioredis sqlite3 better-sqlite3 graphql apollo-server apollo-client zod yup joi ajv
classnames styled-components emotion tailwindcss postcss autoprefixer sass less node-sass bootstrap
d3 three chart.js highlight.js marked markdown-it cheerio jsdom xml2js js-yaml yaml qs querystring
async bluebird rxjs core-js regenerator-runtime immutable immer mobx colors colorette kleur picocolors
winston pino bunyan log4js nodemon pm2 forever concurrently npm-run-all husky lint-staged execa shelljs
cross-spawn open tar archiver adm-zip jszip form-data formidable busboy mime mime-types validator
sharp jimp canvas aws-sdk firebase stripe twilio nodemailer handlebars ejs pug mustache nunjucks
express-session cookie-session csurf compression serve-static http-proxy http-proxy-middleware
path-to-regexp follow-redirects iconv-lite buffer events util assert stream-browserify process
source-map source-map-support esprima acorn espree estraverse terser uglify-js clean-css html-webpack-plugin
css-loader style-loader file-loader url-loader ts-loader sass-loader postcss-loader mini-css-extract-plugin
babel-core @babel/core @babel/preset-env @babel/preset-react @babel/runtime @types/node @types/react
eslint-plugin-react eslint-config-airbnb prop-types react-scripts create-react-app webpack-dev-server
nock faker @faker-js/faker lerna nx turbo pnpm yarn npm node-gyp nan bindings prebuild-install
ethers web3 bignumber.js bn.js big.js decimal.js numeral accounting ms pretty-bytes bytes
fast-glob globby micromatch picomatch anymatch braces fill-range to-regex-range is-glob is-number
kind-of isobject extend deepmerge merge object-assign clone lodash.merge lodash.get lodash.set dot-prop
event-stream through2 readable-stream pump end-of-stream once inherits safe-buffer string_decoder
ua-parser-js coa rc colors.js faker.js node-ipc left-pad is-promise eslint-scope getcookies
electron-builder electron-packager serialport discord.js telegraf openai @anthropic-ai/sdk langchain
`
  .split(/\s+/)
  .filter((name) => name !== "");
