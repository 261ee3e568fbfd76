"""For ``spark-submit``: ``spark-submit [OPTIONS] storyline/spark/__main__.py analyze|stories ...``."""

from storyline.commands.spark import spark_group

if __name__ == "__main__":
    spark_group(prog_name="storyline spark")
