package dev.vectorflow.ports.service.planted;

import dev.vectorflow.ports.service.plantedcycle.CircleEnd;

/** Planted violation: one half of two feature packages that use each other. */
public final class CircleStart {

    CircleEnd next;
}
