"""What a person can ask of Moodify, one module per concern. The web API, the command line and
the jobs are thin doors into these functions; each takes the installation (moodify.service.Moodify,
described to the domain by the Installation protocol) and a Viewer (who is asking), and returns data.

    installation.py     what the domain uses of an installation
    viewer.py           who is asking; ids and pages checked the same way everywhere
    posts.py            read a post (now or as a job), its stored readings, history
    recommendations.py  music for a reading, feedback, the taste profile feedback builds
    tracks.py           look up, search, hear, fetch and delete tracks; find more online
    library.py          the person's own music: import, and the room it may take
    renders.py          the best stretch of a track for a video, and the video with it mixed in
    jobs.py             long work started by the others: state, cancel, one way to start
"""
