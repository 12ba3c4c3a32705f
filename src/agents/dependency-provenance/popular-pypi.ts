/**
 * Widely used PyPI project names (normalised: lowercase, `_` and `.` as `-`): a requirement one
 * edit away from one of these (and not itself on the list) is reported as a possible typosquat.
 */
export const POPULAR_PYPI: readonly string[] = `
requests urllib3 certifi idna charset-normalizer chardet six setuptools wheel pip boto3 botocore
s3transfer awscli python-dateutil pytz tzdata numpy pandas scipy matplotlib seaborn scikit-learn
tensorflow keras torch torchvision torchaudio transformers tokenizers datasets huggingface-hub
jax flax opencv-python pillow imageio scikit-image networkx sympy statsmodels xgboost lightgbm
catboost django djangorestframework flask fastapi starlette uvicorn gunicorn werkzeug jinja2
markupsafe itsdangerous click typer rich colorama termcolor tqdm pyyaml toml tomli tomlkit
jsonschema pydantic pydantic-core attrs cattrs marshmallow sqlalchemy alembic psycopg2 psycopg2-binary
pymysql mysqlclient pymongo redis celery kombu billiard amqp aiohttp httpx httpcore h11 anyio
sniffio websockets websocket-client grpcio protobuf googleapis-common-protos google-auth
google-api-core google-cloud-storage cryptography pyopenssl pycparser cffi bcrypt paramiko
pynacl pyjwt oauthlib requests-oauthlib rsa pyasn1 pyasn1-modules cachetools filelock
platformdirs virtualenv packaging pyparsing decorator wrapt lxml beautifulsoup4 soupsieve html5lib
scrapy selenium playwright pytest pytest-cov coverage mock tox nox black flake8 pylint mypy isort
ruff pre-commit sphinx docutils pygments babel openpyxl xlrd xlsxwriter python-docx reportlab
matplotlib-inline ipython jupyter notebook ipykernel jupyterlab nbformat nbconvert traitlets
tornado twisted gevent greenlet eventlet pyzmq msgpack simplejson ujson orjson dill cloudpickle
joblib multiprocess psutil docker kubernetes ansible fabric invoke pexpect ptyprocess sh
python-dotenv environs dnspython netaddr ipaddress pysocks requests-toolbelt
openai anthropic langchain langchain-core tiktoken sentencepiece nltk spacy gensim
asn1crypto pycryptodome pycrypto cython numba llvmlite pyarrow fsspec s3fs gcsfs
markdown mistune bleach feedparser arrow pendulum humanize tabulate prettytable
`
  .split(/\s+/)
  .filter((name) => name !== "");
