"""``dl.losses`` on torch (runtime/losses): batch means as 0-d tensors."""
import torch
import torch.nn.functional as F

from .rng import random


def crossEntropy(logits, labels):
    logp = torch.log_softmax(logits, -1)
    if labels.dim() == logits.dim():
        return -(labels * logp).sum(-1).mean()
    return F.nll_loss(logp.reshape(-1, logits.shape[-1]), labels.reshape(-1).long())


def _clamped_log(p):
    return torch.clamp(torch.log(p), min=-100)


def bce(probabilities, targets):
    t = targets.float()
    return -(t * _clamped_log(probabilities) + (1 - t) * _clamped_log(1 - probabilities)).mean()


def bceWithLogits(logits, targets):
    return F.binary_cross_entropy_with_logits(logits, targets.float())


def mse(prediction, target):
    return ((prediction - target) ** 2).mean()


def l1(prediction, target):
    return (prediction - target).abs().mean()


def _per_example_mean(t):
    return t.reshape(t.shape[0], -1).sum(1).mean() if t.dim() > 1 else t.mean()


def klNormal(mu, logvar):
    return -0.5 * _per_example_mean(1 + logvar - mu**2 - torch.exp(logvar))


def elbo(recon, x, mu, logvar):
    t = x.float()
    b = -(t * _clamped_log(recon) + (1 - t) * _clamped_log(1 - recon))
    return _per_example_mean(b) + klNormal(mu, logvar)


def sparsityKl(hidden, rho=0.05, beta=3):
    rho_hat = torch.clamp(hidden.reshape(hidden.shape[0], -1).mean(0), 1e-6, 1 - 1e-6)
    kl = rho * torch.log(rho / rho_hat) + (1 - rho) * torch.log((1 - rho) / (1 - rho_hat))
    return beta * kl.sum()


def _bce_const(p, t):
    return -_clamped_log(p if t == 1 else 1 - p).mean()


def ganDLoss(real, fake):
    return _bce_const(real, 1) + _bce_const(fake, 0)


def ganGLoss(fake):
    return _bce_const(fake, 1)


def ganGMinimaxLoss(fake):
    return -_bce_const(fake, 0)


def lsganDLoss(real, fake):
    return 0.5 * (((real - 1) ** 2).mean() + (fake**2).mean())


def lsganGLoss(fake):
    return ((fake - 1) ** 2).mean()


def wganCriticLoss(real, fake):
    return fake.mean() - real.mean()


def wganGLoss(fake):
    return -fake.mean()


def penalty(score, real, fake, alpha):
    """(‖∇D(x̂)‖₂ − 1)² averaged over the batch, x̂ = αx + (1 − α)x̃, through
    torch.autograd.grad(create_graph=True) so the penalty itself trains the critic."""
    a = alpha.reshape(-1, *([1] * (real.dim() - 1)))
    mixed = (a * real.detach() + (1 - a) * fake.detach()).requires_grad_(True)
    out = score(mixed)
    (grad,) = torch.autograd.grad(out.sum(), mixed, create_graph=True)
    norms = grad.reshape(grad.shape[0], -1).norm(dim=1)
    return ((norms - 1) ** 2).mean()


def gradientPenalty(critic, real, fake, weight, rng):
    alpha = random.uniform([real.shape[0]], 0, 1, rng)

    def score(t):
        out = critic.apply(t, True)
        return out[0] if isinstance(out, (list, tuple)) else out

    return weight * penalty(score, real, fake, alpha)


def cycleLoss(reconstructed, original, weight=10):
    return weight * (reconstructed - original).abs().mean()


def identityLoss(mapped, original, weight=5):
    return cycleLoss(mapped, original, weight)
