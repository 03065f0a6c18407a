"""The API's request and response shapes, declared once as pydantic models: spectree validates
requests and shapes responses with them (moodify.web.openapi), the OpenAPI document is written
from them, and the web app's types are generated from that document (frontend/src/api-types.ts).

    base.py      what every shape shares: the three kinds of model, the enums, the error, codes
    reading.py   a post's reading: emotions, parts, the video's timeline, stored analyses
    music.py     tracks, their licences and use, recommendation lists, segments
    jobs.py      long work and what each kind leaves
    server.py    health, limits, models, catalogue counts, sign-in
    requests.py  what a client sends: JSON bodies, forms and query strings
"""
