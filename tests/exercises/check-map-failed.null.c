/* Wrong: NULL compared, so the injected failure crashes it. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>
int main(void) {
    int fd = open("/dev/zero", O_RDWR);
    char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (!p) { perror("mmap"); return 1; }
    sprintf(p, "mapped");
    printf("The page says: %s\n", p);
    return 0;
}
