# Session 4, call 4: the commands of ../2026-11-25-h100-s4-5-claims-final/commands.sh, run with E = the s4-4 build
# (softmax pinned ahead of wait<0> for 2 consumers, tiles claimed right after the Q load,
# producer 32 / consumers 232 registers, __syncwarp after the tile read).
