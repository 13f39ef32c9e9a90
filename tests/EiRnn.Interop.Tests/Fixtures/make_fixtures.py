#!/usr/bin/python3
"""Writes the interop test fixtures with NumPy (an implementation independent of the C# reader).

Run once by hand (`/usr/bin/python3 make_fixtures.py` in this folder); the tests only read the files.
Weights files look like what PsychRNN's RNN.save() writes: np.savez of a get_weights()-like dict.
Expected outputs are computed here in float64 from the x-form equations of docs/import-export.md:
  x_t = (1 - a) x_{t-1} + a (W_rec f(x_{t-1}) + W_in u_t + b_rec),  z_t = W_out f(x_t) + b_out,  a = dt / tau
(no noise), x_0 = init_state, t = 1..T.
"""
import json
import sys
import types

import numpy as np

rng = np.random.default_rng(20261207)


def register_fake_function(module, name):
    """A stand-in for a TensorFlow function: pickle stores only module + name (GLOBAL), so no TF is needed."""
    parts = module.split(".")
    for i in range(1, len(parts) + 1):  # pickle imports the module by name, parents first
        sys.modules.setdefault(".".join(parts[:i]), types.ModuleType(".".join(parts[:i])))
    mod = sys.modules[module]

    def fn(x):
        raise RuntimeError("never called")

    fn.__module__, fn.__name__, fn.__qualname__ = module, name, name
    setattr(mod, name, fn)
    return fn


def f(kind, x):
    return {"relu": lambda v: np.maximum(v, 0), "tanh": np.tanh, "sigmoid": lambda v: 1 / (1 + np.exp(-v))}[kind](x)


def simulate(w, u, alpha, kind, u0=None, rectify=False):
    """u: [B, T, Nin] -> z [B, T, Nout]; alpha scalar or per unit."""
    B, T, _ = u.shape
    z = np.zeros((B, T, w["W_out"].shape[0]))
    for b in range(B):
        x = w["x0"].astype(np.float64).copy()
        for t in range(T):
            ut = u[b, t] + (0 if u0 is None else u0)
            if rectify:
                ut = np.maximum(ut, 0)
            x = (1 - alpha) * x + alpha * (w["W_rec"] @ f(kind, x) + w["W_in"] @ ut + w["b_rec"])
            z[b, t] = w["W_out"] @ f(kind, x) + w["b_out"]
    return z


def inputs(B, T, nin):
    u = np.zeros((B, T, nin))
    u[:, 5:20, :] = rng.uniform(0, 1, size=(B, 1, nin))
    return u.astype(np.float32).astype(np.float64)  # the tests feed float32 inputs


def save_expected(path, dt, tau, u, z, extra=None):
    d = {"dt_ms": dt, "tau_ms": tau, "u": u.tolist(), "z": z.tolist()}
    d.update(extra or {})
    with open(path, "w") as fh:
        json.dump(d, fh)


def f32(a):
    return np.asarray(a, dtype=np.float32)


# ---- 1. Dale network, E units not first, pickled transfer function and dale_ratio --------------------------
N, NIN, NOUT = 6, 2, 2
signs = np.array([-1, 1, 1, -1, 1, 1], dtype=np.float64)  # units 0 and 3 inhibitory
dale_rec = np.diag(signs).astype(np.float32)
dale_out = np.diag((signs > 0).astype(np.float64)).astype(np.float32)  # PsychRNN: I units do not read out
rec_mask = f32(1 - np.eye(N))
w_rec = f32(np.maximum(rng.normal(0, 0.6, (N, N)), 0) * rec_mask) @ dale_rec
w_in = f32(np.abs(rng.normal(0, 0.8, (N, NIN))))
w_out = f32(np.abs(rng.normal(0, 0.5, (NOUT, N)))) @ dale_out
b_rec, b_out = f32(rng.normal(0, 0.2, N)), f32(rng.normal(0, 0.1, NOUT))
init_state = f32(rng.normal(0.1, 0.2, (1, N)))
relu = register_fake_function("tensorflow.python.ops.gen_nn_ops", "relu")
dale = {
    "W_in": w_in.astype(">f8"),                 # big-endian float64
    "W_rec": np.asfortranarray(w_rec),          # Fortran order
    "W_out": w_out.astype(">f4"),               # big-endian float32
    "b_rec": b_rec, "b_out": b_out, "init_state": init_state,
    "Dale_rec": dale_rec, "Dale_out": dale_out,
    "input_connectivity": f32(np.ones((N, NIN))), "rec_connectivity": rec_mask,
    "output_connectivity": f32(np.ones((NOUT, N))),
    "dale_ratio": np.array(4 / 6, dtype=object),  # a pickled 0-d object array holding a float
    "transfer_function": np.array(relu, dtype=object),
    "W_rec/Adam": f32(np.zeros((N, N))), "W_rec/Adam_1": f32(np.zeros((N, N))),
}
assert np.isfortran(dale["W_rec"])
np.savez("psychrnn_dale.npz", **dale)
dt, tau = 10.0, 100.0
u = inputs(2, 30, NIN)
w = {"W_in": w_in, "W_rec": w_rec, "W_out": w_out, "b_rec": b_rec, "b_out": b_out, "x0": init_state[0]}
save_expected("psychrnn_dale.expected.json", dt, tau, u, simulate(w, u, dt / tau, "relu"),
              {"signs": signs.tolist()})

# ---- 2. Non-Dale network with optimiser slots, pickled None dale_ratio, no transfer_function --------------
N, NIN, NOUT = 5, 3, 2
w_rec = f32(rng.normal(0, 0.5, (N, N)))
w_in = f32(rng.normal(0, 0.8, (N, NIN)))      # any sign
w_out = f32(rng.normal(0, 0.5, (NOUT, N)))
b_rec, b_out = f32(rng.normal(0, 0.2, N)), f32(rng.normal(0, 0.1, NOUT))
init_state = f32(rng.normal(0.1, 0.2, (1, N)))
nondale = {
    "W_in": w_in, "W_rec": w_rec, "W_out": w_out, "b_rec": b_rec, "b_out": b_out, "init_state": init_state,
    "Dale_rec": f32(np.eye(N)), "Dale_out": f32(np.eye(N)),
    "input_connectivity": f32(np.ones((N, NIN))), "rec_connectivity": f32(np.ones((N, N))),
    "output_connectivity": f32(np.ones((NOUT, N))),
    "dale_ratio": None,                          # np.savez stores a pickled 0-d object array
    "W_rec/Adam": f32(rng.normal(0, 1, (N, N))), "W_rec/Adam_1": f32(rng.normal(0, 1, (N, N))),
    "W_in/Adam": f32(rng.normal(0, 1, (N, NIN))), "beta1_power": f32(0.9),
}
np.savez("psychrnn_nondale.npz", **nondale)
dt, tau = 20.0, 100.0
u = inputs(2, 30, NIN)
w = {"W_in": w_in, "W_rec": w_rec, "W_out": w_out, "b_rec": b_rec, "b_out": b_out, "x0": init_state[0]}
save_expected("psychrnn_nondale.expected.json", dt, tau, u, simulate(w, u, dt / tau, "relu"))

# ---- 3. Generic bundle: tanh, per-unit tau, baseline u0 and rectified inputs ------------------------------
N, NIN, NOUT = 7, 2, 3
bundle = {
    "W_in": rng.normal(0, 0.8, (N, NIN)), "W_rec": rng.normal(0, 0.6, (N, N)), "W_out": rng.normal(0, 0.5, (NOUT, N)),
    "b_rec": rng.normal(0, 0.2, N), "b_out": rng.normal(0, 0.1, NOUT), "x0": rng.normal(0, 0.3, N),
}
bundle = {k: v.astype(np.float32) for k, v in bundle.items()}
np.savez_compressed("bundle_tanh.npz", **bundle)    # deflated members
tau_units = [50.0, 60.0, 70.0, 80.0, 90.0, 100.0, 200.0]
spec = {"dt_ms": 5.0, "tau_ms": tau_units, "sigma_in": 0.0, "sigma_rec": 0.0, "u0": [0.1, -0.2],
        "rectify_inputs": True, "hidden": "tanh", "output": "linear"}
with open("bundle_tanh.spec.json", "w") as fh:
    json.dump(spec, fh, indent=2)
u = inputs(2, 30, NIN)
alpha = spec["dt_ms"] / np.array(tau_units)
save_expected("bundle_tanh.expected.json", spec["dt_ms"], tau_units, u,
              simulate(bundle, u, alpha, "tanh", u0=np.array(spec["u0"]), rectify=True))

# ---- 4. Damaged files (each exits 2 naming the array) ------------------------------------------------------
good = dict(nondale)
np.savez("damaged_missing.npz", **{k: v for k, v in good.items() if k != "b_rec"})
np.savez("damaged_shape.npz", **{**good, "W_out": f32(np.ones((2, 4)))})
nan = good["W_rec"].copy(); nan[2, 3] = np.nan
np.savez("damaged_nan.npz", **{**good, "W_rec": nan})
np.savez("damaged_pickled_number.npz", **{**good, "b_out": np.array([0.1, None], dtype=object)})
np.savez("damaged_dale_ratio.npz", **{**good, "dale_ratio": np.array("0.8", dtype=object)})
# An .npy whose header says [5, 5] float32 but which holds only 3 rows.
import io, zipfile
buf = io.BytesIO()
np.lib.format.write_array(buf, good["W_rec"])
lying = buf.getvalue()[:-40]
with zipfile.ZipFile("damaged_header.npz", "w") as z:
    for k, v in good.items():
        if k == "W_rec":
            z.writestr("W_rec.npy", lying)
        else:
            b = io.BytesIO(); np.lib.format.write_array(b, np.asanyarray(v), allow_pickle=True); z.writestr(k + ".npy", b.getvalue())
with open("psychrnn_nondale.npz", "rb") as fh:
    whole = fh.read()
with open("damaged_truncated.npz", "wb") as fh:
    fh.write(whole[: len(whole) // 2])
print("fixtures written")
