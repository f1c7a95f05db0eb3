package dev.vectorflow.ports.service.plantedcycle;

import dev.vectorflow.ports.service.planted.CircleStart;

/** Planted violation: the other half of two feature packages that use each other. */
public final class CircleEnd {

    CircleStart back;
}
