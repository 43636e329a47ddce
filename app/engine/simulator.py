"""The persona simulator: an LLM plays the persona toward the objective, one turn at a time.

Each turn is structured output (a forced `persona_turn` tool call): the message, and
whether the persona goes on, got what it came for, or gives up. The traits shape the
prompt (low patience gives up sooner, high urgency pushes); the same facts reach the offline
model out of band (`offline_context`), never inside the prompt.

On a voice call (`medium="voice"`) the persona speaks: it is told so, traits about typing do
not apply, and when it cuts in on the agent (barge-in) Mimic says so as a stage direction
of its own (a system message; `situation` for the offline model), never as the agent's words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, Field

from app import llm
from app.engine.context import ModelChoice, ObjectiveSnapshot, PersonaSnapshot


class PersonaTurn(BaseModel):
    message: str = Field(description="What the persona writes to the agent now, in the persona's own voice")
    action: Literal["continue", "goal_met", "give_up"] = Field(
        description="continue; goal_met when the agent has done what you came for; give_up when you would leave"
    )
    reasoning: str = Field(default="", description="Why, in one or two sentences (not shown to the agent)")


@dataclass(frozen=True)
class SimulatedTurn:
    turn: PersonaTurn
    result: llm.LLMResult


_PATIENCE = {
    "low": "You have little patience: after two or three replies that do not move you forward, give up.",
    "medium": "You are reasonably patient, but after five unhelpful replies you give up.",
    "high": "You are very patient and keep trying for a long time before giving up.",
}
_URGENCY = {
    "low": "You are in no hurry.",
    "medium": "You would like this sorted today.",
    "high": "This is urgent for you: push for a concrete answer and say so when replies are vague.",
}


def persona_identity_lines(persona: PersonaSnapshot) -> list[str]:
    """Who the persona is, for every prompt that plays them (chat and browser)."""
    d = persona.definition
    lines = [
        persona.prompt or persona.description,
        f"Who you are: {d.get('identity', '')}",
        f"How you use technology: {d.get('techProfile', '')}",
        f"Your personality: {d.get('personality', '')}",
    ]
    if d.get("tendencies"):
        lines.append("Your habits: " + "; ".join(d["tendencies"]))
    return lines


# Traits about typing: a persona on a call speaks, so they do not apply there.
TYPING_TRAITS = frozenset({"typo_rate", "typing_speed", "emoji_use", "uses_emoji"})
CUT_IN = ("Stage direction from Mimic (not words of the agent): the agent is still talking and you cut in now, "
          "as an impatient caller would. Say what you would say over it.")  # fmt: skip


def persona_system_prompt(persona: PersonaSnapshot, objective: ObjectiveSnapshot, medium: str = "chat") -> str:
    voice = medium == "voice"
    t = {k: v for k, v in persona.traits.items() if not (voice and k in TYPING_TRAITS)}
    lines = [
        f"You are role-playing {persona.name}, a "
        + ("caller on a phone call with a customer-facing voice agent." if voice else
           "user talking to a customer-facing AI agent."),
        *persona_identity_lines(persona),
    ]
    if t.get("communication_style"):
        lines.append(f"Communication style: {t['communication_style']}.")
    lines += [_PATIENCE.get(str(t.get("patience_level")), ""), _URGENCY.get(str(t.get("urgency")), "")]
    extra = {k: v for k, v in t.items() if k not in {"communication_style", "patience_level", "urgency"}}
    if extra:
        lines.append("Other traits: " + ", ".join(f"{k}={v}" for k, v in extra.items()))
    lines += [
        f"Write in the language with code '{persona.language}'.",
        "",
        f"Your goal: {objective.goal}",
        *(f"Constraint you keep: {c}" for c in objective.constraints),
        "You will know you are done when: " + "; ".join(objective.success_criteria),
        f"You have at most {objective.max_turns} messages.",
        "",
        "Stay in character. Never say you are an AI or a test. "
        + ("Say only what this person would say aloud: short spoken sentences, no lists, links or emoji."
           if voice else "Write only what this person would type."),
        "Answer through the persona_turn tool: action goal_met once the agent has fully done what you came for,"
        " give_up when you would leave, otherwise continue.",
    ]
    return "\n".join(line for line in lines if line is not None)


class PersonaSimulator:
    def __init__(
        self, persona: PersonaSnapshot, objective: ObjectiveSnapshot, model: ModelChoice, seed: int | None = None,
        *, medium: str = "chat",
    ) -> None:  # fmt: skip
        self.persona = persona
        self.objective = objective
        self.model = model
        self.seed = seed
        self.medium = medium
        self.system_prompt = persona_system_prompt(persona, objective, medium)
        d = persona.definition
        voice = medium == "voice"
        traits = {k: v for k, v in persona.traits.items() if not (voice and k in TYPING_TRAITS)}
        self.offline_context = {
            "persona": {"name": persona.name, "description": persona.description, "traits": traits,
                        "definition": d, "language": persona.language},
            "objective": {"goal": objective.goal, "constraints": objective.constraints,
                          "successCriteria": objective.success_criteria},
            "maxTurns": objective.max_turns,
            "medium": medium,
        }  # fmt: skip

    async def next_turn(self, transcript: list[dict[str, str]], *, cut_in: bool = False) -> SimulatedTurn:
        """`transcript`: [{"role": "persona"|"agent", "content"}]. From the simulator's side the
        persona is the assistant and the agent is the user. `cut_in`: the persona interrupts
        the agent now (a voice call's barge-in)."""
        messages = [{"role": "system", "content": self.system_prompt}]
        for entry in transcript:
            messages.append(
                {"role": "assistant" if entry["role"] == "persona" else "user", "content": entry["content"]}
            )
        if not transcript:
            opening = ("(The call has connected. Say your first words.)" if self.medium == "voice"
                       else "(The chat window is open. Write your first message.)")  # fmt: skip
            messages.append({"role": "user", "content": opening})
        if cut_in:
            messages.append({"role": "system", "content": CUT_IN})
        context = self.offline_context | ({"situation": "cut_in"} if cut_in else {})
        result = await llm.complete(
            model=self.model.model,
            messages=messages,
            role=llm.LLMRole.persona,
            credentials=self.model.credentials,
            temperature=self.model.temperature,
            seed=self.seed,
            schema=PersonaTurn,
            tool_name="persona_turn",
            tool_description="Your next message to the agent, and whether you go on.",
            offline_context=context,
        )
        turn = result.data
        assert isinstance(turn, PersonaTurn)
        return SimulatedTurn(turn=turn, result=result)
