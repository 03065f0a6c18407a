"""The load test's users (run by bench/load_test.py): each one reads a caption, asks for music
for it and for an emotion, and likes or skips a track, with a pause of 1-3 s between actions."""

import random
import uuid

from locust import HttpUser, between, task

CAPTIONS = ["오늘 너무 행복해 😍 #행복", "비 오는 날 혼자 ㅠㅠ", "I'm so angry right now 🤬", "what a shock 🤯",
            "밤에 이상한 소리가 들려 무서워", "ew that's gross 🤮", "meeting at 10, then lunch",
            "Best day ever!!! 🎉", "보고 싶다 엄마", "드디어 합격했다!!"]
EMOTIONS = ["happiness", "sadness", "anger", "fear", "surprise", "disgust", "neutral"]


class Person(HttpUser):
    wait_time = between(1, 3)

    def on_start(self):
        self.user = f"load-{uuid.uuid4().hex[:8]}"
        self.tracks = []

    @task(3)
    def analyse_caption(self):
        self.client.post("/api/v1/analyses", json={"caption": random.choice(CAPTIONS), "user": self.user},
                         name="caption analysis")

    @task(4)
    def recommend(self):
        response = self.client.post("/api/v1/recommendations", name="recommendations",
                                    json={"emotion": random.choice(EMOTIONS), "user": self.user,
                                          "mode": random.choice(["match", "uplift", "calm"])})
        if response.ok:
            self.tracks = [t["id"] for t in response.json()["tracks"]]

    @task(2)
    def feedback(self):
        if self.tracks:
            self.client.post("/api/v1/feedback", name="feedback", json={
                "track_id": random.choice(self.tracks), "kind": random.choice(["like", "skip"]), "user": self.user})
