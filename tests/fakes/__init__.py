"""Local fakes of online services: real HTTP on 127.0.0.1, answering the way their documentation says."""
